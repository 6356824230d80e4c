import { describeItems, type Finding, pathOf, plainText } from '@quento/contracts';
import { useState } from 'react';
import { Pressable, StyleSheet, View } from 'react-native';
import { useTheme } from '../../theme/use-theme';
import { Card, Text } from '../../ui';
import { categoryLabel, FINDING_CATEGORY_ORDER, SEVERITY_LABELS } from './labels';

/** Failing audits grouped by category, each expandable to its explanation and fix. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return (
      <Card>
        <Text variant="subheading">No problems found</Text>
        <Text tone="muted">Every check passed on the pages we read.</Text>
      </Card>
    );
  }
  const groups = FINDING_CATEGORY_ORDER.map((c) => ({
    category: c,
    items: findings.filter((f) => f.category === c),
  })).filter((g) => g.items.length > 0);
  return (
    <View style={styles.groups}>
      {groups.map((g) => (
        <View key={g.category} style={styles.group}>
          <Text variant="subheading" accessibilityRole="header">
            {categoryLabel(g.category)} ({g.items.length})
          </Text>
          {g.items.map((f) => (
            <FindingRow key={f.audit_id} finding={f} />
          ))}
        </View>
      ))}
    </View>
  );
}

function FindingRow({ finding }: { finding: Finding }) {
  const { colors } = useTheme();
  const [open, setOpen] = useState(false);
  const severity = SEVERITY_LABELS[finding.severity];
  const found = describeItems(finding.audit_id, finding.items, { pages: finding.pages });
  const tone =
    finding.severity === 'high' ? 'danger' : finding.severity === 'medium' ? 'warning' : 'muted';
  const where =
    finding.pages.length === 0
      ? 'Site-wide'
      : `${finding.pages.length} ${finding.pages.length === 1 ? 'page' : 'pages'}`;
  return (
    <Card style={styles.row}>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={`${plainText(finding.title)}. ${severity}, ${where}`}
        accessibilityHint={open ? 'Hides the explanation' : 'Shows what it means and how to fix it'}
        aria-expanded={open}
        onPress={() => setOpen((o) => !o)}
        style={styles.head}
      >
        <View style={styles.headText}>
          <Text variant="label">{plainText(finding.title)}</Text>
          <Text variant="caption" tone={tone}>
            {severity} · {where}
          </Text>
        </View>
        <Text tone="primary" variant="label">
          {open ? 'Hide' : 'Details'}
        </Text>
      </Pressable>
      {open ? (
        <View style={[styles.body, { borderTopColor: colors.border }]}>
          <Text>{finding.explanation}</Text>
          <Text variant="label">How to fix it</Text>
          <Text>{finding.fix}</Text>
          {finding.pages.length > 0 ? (
            <>
              <Text variant="label">Where</Text>
              {finding.pages.slice(0, 8).map((p) => (
                <Text key={p} tone="muted">
                  • {pathOf(p)}
                </Text>
              ))}
            </>
          ) : null}
          {found.length > 0 ? (
            <>
              <Text variant="label">What we found</Text>
              {found.map((line) => (
                <Text key={line} tone="muted">
                  • {line}
                </Text>
              ))}
            </>
          ) : null}
        </View>
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  groups: { gap: 16 },
  group: { gap: 8 },
  row: { padding: 0, gap: 0 },
  head: { flexDirection: 'row', alignItems: 'center', gap: 12, padding: 14, minHeight: 48 },
  headText: { flex: 1, gap: 2 },
  body: { gap: 8, padding: 14, borderTopWidth: StyleSheet.hairlineWidth },
});

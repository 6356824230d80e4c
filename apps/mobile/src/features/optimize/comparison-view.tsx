import type { AnalysisComparison, Scores } from '@quento/contracts';
import { pathOf } from '@quento/contracts';
import { StyleSheet, View } from 'react-native';
import { Card, Text } from '../../ui';
import { humanize, SCORE_CATEGORIES } from '../discover/labels';

/** "Up 12 points", "Down 3 points", "No change". */
export function deltaWords(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return 'not measured both times';
  const d = Math.round(delta);
  if (d === 0) return 'no change';
  return `${d > 0 ? 'up' : 'down'} ${Math.abs(d)} ${Math.abs(d) === 1 ? 'point' : 'points'}`;
}

/** Before and after a re-analysis: score changes and findings resolved or new, in words. */
export function ComparisonView({
  comparison,
  before,
  after,
  titleOf,
}: {
  comparison: AnalysisComparison;
  before: Scores | null;
  after: Scores | null;
  titleOf: (auditId: string) => string | undefined;
}) {
  const name = (ref: { audit_id: string; page: string | null }) =>
    `${titleOf(ref.audit_id) ?? humanize(ref.audit_id)}${ref.page ? ` (${pathOf(ref.page)})` : ''}`;
  const { resolved, new: added } = comparison.findings;
  return (
    <Card style={styles.card}>
      <Text variant="subheading">Before and after</Text>
      {SCORE_CATEGORIES.map(({ key, label }) => {
        const b = before?.[key];
        const a = after?.[key];
        const delta = comparison.score_deltas[key];
        const line = `${label}: ${b == null ? '–' : Math.round(b)} → ${a == null ? '–' : Math.round(a)}, ${deltaWords(delta)}`;
        return (
          <Text
            key={key}
            tone={delta && delta > 0 ? 'success' : delta && delta < 0 ? 'danger' : 'default'}
          >
            {line}
          </Text>
        );
      })}
      <View style={styles.block}>
        <Text variant="label">
          {resolved.length === 0
            ? 'No problem was fixed since the last analysis.'
            : `Fixed since last time (${resolved.length})`}
        </Text>
        {resolved.slice(0, 10).map((r) => (
          <Text key={`${r.audit_id}${r.page}`} tone="muted">
            • {name(r)}
          </Text>
        ))}
      </View>
      <View style={styles.block}>
        <Text variant="label">
          {added.length === 0 ? 'No new problems appeared.' : `New problems (${added.length})`}
        </Text>
        {added.slice(0, 10).map((r) => (
          <Text key={`${r.audit_id}${r.page}`} tone="muted">
            • {name(r)}
          </Text>
        ))}
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({ card: { gap: 6 }, block: { gap: 2, marginTop: 6 } });

import type { CompetitorComparison, Finding, Scores } from '@quento/contracts';
import { StyleSheet, View } from 'react-native';
import { useTheme } from '../../theme/use-theme';
import { Card, Text } from '../../ui';
import { categoryLabel, humanize, SCORE_CATEGORIES, shortUrl } from './labels';

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : String(Math.round(v));

/** Our score beside each competitor's, per category, and what they do better. */
export function CompetitorComparisonView({
  ours,
  competitors,
  findings,
}: {
  ours: Scores;
  competitors: CompetitorComparison[];
  findings: Finding[];
}) {
  const { colors } = useTheme();
  const titleOf = (id: string) => findings.find((f) => f.audit_id === id)?.title ?? humanize(id);
  return (
    <View style={styles.list}>
      {competitors.map((c) => (
        <Card key={c.url} style={styles.card}>
          <Text variant="subheading">{shortUrl(c.url)}</Text>
          {c.status === 'failed' || !c.scores ? (
            <Text tone="muted">We could not analyse this site{c.error ? `: ${c.error}` : '.'}</Text>
          ) : (
            <>
              <View style={[styles.tr, { borderBottomColor: colors.border }]}>
                <Text variant="label" style={styles.cat}>
                  Category
                </Text>
                <Text variant="label" style={styles.num}>
                  You
                </Text>
                <Text variant="label" style={styles.num}>
                  Them
                </Text>
              </View>
              {SCORE_CATEGORIES.map(({ key, label }) => {
                const mine = ours[key];
                const theirs = c.scores?.[key] ?? null;
                const spoken = `${label}: you ${fmt(mine)}, them ${fmt(theirs)}`;
                return (
                  <View
                    key={key}
                    style={[styles.tr, { borderBottomColor: colors.border }]}
                    accessible
                    accessibilityLabel={spoken}
                  >
                    <Text style={styles.cat}>{label}</Text>
                    <Text style={styles.num}>{fmt(mine)}</Text>
                    <Text
                      style={styles.num}
                      tone={
                        theirs !== null && mine !== null && theirs > mine ? 'danger' : 'default'
                      }
                    >
                      {fmt(theirs)}
                    </Text>
                  </View>
                );
              })}
              <Text>
                {c.better_at.length
                  ? `They score higher on ${c.better_at.map((k) => categoryLabel(k).toLowerCase()).join(', ')}.`
                  : 'You score as well or better in every category.'}
              </Text>
              {c.audits_they_pass.length ? (
                <>
                  <Text variant="label">What they get right that you do not</Text>
                  {c.audits_they_pass.map((id) => (
                    <Text key={id} tone="muted">
                      • {titleOf(id)}
                    </Text>
                  ))}
                </>
              ) : null}
            </>
          )}
        </Card>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  list: { gap: 12 },
  card: { gap: 6 },
  tr: {
    flexDirection: 'row',
    paddingVertical: 6,
    borderBottomWidth: StyleSheet.hairlineWidth,
    gap: 8,
  },
  cat: { flex: 1 },
  num: { width: 56, textAlign: 'right' },
});

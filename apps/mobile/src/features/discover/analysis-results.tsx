import type { AnalysisDetail } from '@quento/contracts';
import { StyleSheet, View } from 'react-native';
import { Card, Text } from '../../ui';
import { CompetitorComparisonView } from './competitor-comparison';
import { FindingsList } from './findings-list';
import { HomepageScreenshot } from './homepage-screenshot';
import { formatWhen, SCORE_CATEGORIES, shortUrl } from './labels';
import { ScoreGauge } from './score-gauge';

/** A finished analysis: the website card, score gauges, findings and the competitors. */
export function AnalysisResults({ analysis }: { analysis: AnalysisDetail }) {
  const summary = analysis.summary;
  return (
    <View style={styles.wrap}>
      <Card>
        <Text variant="caption" tone="muted">
          Website
        </Text>
        <Text variant="heading">{shortUrl(analysis.website_url)}</Text>
        <Text tone="muted">
          Analysed {formatWhen(analysis.completed_at ?? analysis.created_at)} ·{' '}
          {summary?.pages_analyzed ?? 0} {summary?.pages_analyzed === 1 ? 'page' : 'pages'} read
        </Text>
      </Card>
      <HomepageScreenshot screenshot={analysis.screenshot ?? null} />
      {summary ? (
        <>
          <Text variant="heading">Scores</Text>
          <View style={styles.gauges}>
            {SCORE_CATEGORIES.map(({ key, label }) => (
              <ScoreGauge key={key} label={label} score={summary.scores[key]} />
            ))}
          </View>
        </>
      ) : null}
      <Text variant="heading">What to improve</Text>
      <FindingsList findings={analysis.findings} />
      {summary && summary.competitors.length > 0 ? (
        <>
          <Text variant="heading">Compared with competitors</Text>
          <CompetitorComparisonView
            ours={summary.scores}
            competitors={summary.competitors}
            findings={analysis.findings}
          />
        </>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: 16 },
  gauges: { flexDirection: 'row', flexWrap: 'wrap', justifyContent: 'center', gap: 8 },
});

import { StyleSheet, View } from 'react-native';
import { Card, ProgressBar, Text } from '../../ui';
import { shortUrl, stepLabel } from './labels';
import { type ProgressState, pagesLabel } from './progress-reducer';

/** The live state of a running analysis: bar, step in words, pages read. Shared by Discover and Optimize. */
export function AnalysisProgress({ state, title }: { state: ProgressState; title: string }) {
  const step = state.status === 'pending' ? 'Waiting in line to start' : stepLabel(state.step);
  const percent = Math.round(state.progress);
  return (
    <Card style={styles.card} accessibilityLiveRegion="polite">
      <Text variant="subheading">{title}</Text>
      <ProgressBar value={percent / 100} label={`Analysis progress: ${percent} percent`} />
      <View style={styles.row}>
        <Text variant="label">{step}</Text>
        <Text tone="muted">{percent}%</Text>
      </View>
      <Text tone="muted">{pagesLabel(state)}</Text>
      {state.url ? (
        <Text variant="caption" tone="muted" numberOfLines={1}>
          Now reading {shortUrl(state.url)}
        </Text>
      ) : null}
      {state.transport === 'polling' ? (
        <Text variant="caption" tone="muted">
          The live connection dropped; checking every few seconds while it reconnects.
        </Text>
      ) : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  card: { gap: 10 },
  row: { flexDirection: 'row', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' },
});

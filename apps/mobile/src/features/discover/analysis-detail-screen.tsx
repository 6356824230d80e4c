import { Stack, useLocalSearchParams } from 'expo-router';
import { ErrorState, LoadingState, Screen } from '../../ui';
import { AnalysisResults } from './analysis-results';
import { useAnalysis } from './queries';

/** One past analysis, opened from the history. */
export function AnalysisDetailScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const detail = useAnalysis(id);
  return (
    <Screen
      edges={['bottom']}
      onRefresh={() => void detail.refetch()}
      refreshing={detail.isRefetching}
    >
      <Stack.Screen options={{ title: 'Analysis' }} />
      {detail.isPending ? (
        <LoadingState label="Loading the analysis" />
      ) : detail.isError && !detail.data ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <AnalysisResults analysis={detail.data} />
      )}
    </Screen>
  );
}

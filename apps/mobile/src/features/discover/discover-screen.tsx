import type { Analysis } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { useMemo } from 'react';
import { StyleSheet, View } from 'react-native';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  LinkButton,
  LoadingState,
  Screen,
  ScreenHeader,
  Text,
} from '../../ui';
import { AnalysisForm } from './analysis-form';
import { AnalysisProgress } from './analysis-progress';
import { AnalysisResults } from './analysis-results';
import { formatWhen, shortUrl } from './labels';
import { latestCompleted, useAnalysis, useProfileUrls } from './queries';
import { useAnalysisRun } from './use-analysis-run';

const STATUS_WORDS: Record<Analysis['status'], string> = {
  pending: 'waiting to start',
  running: 'running',
  completed: 'finished',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Ring 2: analyse the website (and competitors), follow it live, read the results. */
export function DiscoverScreen() {
  const router = useRouter();
  const run = useAnalysisRun();
  const list = run.analyses;
  const profile = useProfileUrls();
  const items = list.data?.items ?? [];
  const latest = latestCompleted(list.data);
  const newest = items[0];
  const detail = useAnalysis(latest?.id);
  const showProgress = run.live;

  const initial = useMemo(() => {
    const from = newest ?? null;
    if (from) return { website: from.website_url, competitors: from.competitors };
    return profile.data ?? { website: '', competitors: [] };
  }, [newest, profile.data]);

  const runAgain = () => {
    const from = latest ?? newest;
    if (!from) return;
    run.start({ website_url: from.website_url, competitors: from.competitors });
  };

  const refresh = () => {
    void list.refetch();
    if (latest) void detail.refetch();
  };

  return (
    <Screen onRefresh={refresh} refreshing={list.isRefetching}>
      <ScreenHeader
        title="Discover"
        subtitle="Ring 2: how your website looks to customers and search engines."
      />
      {list.isPending ? (
        <LoadingState label="Loading your analyses" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {showProgress ? (
            <AnalysisProgress state={run.progress} title="Analysing your website" />
          ) : (
            <AnalysisForm
              initial={initial}
              busy={run.starting}
              submitError={run.startError}
              onSubmit={run.start}
            />
          )}
          {newest?.status === 'failed' && !showProgress ? (
            <Card accessibilityRole="alert">
              <Text variant="subheading">The last analysis did not finish</Text>
              <Text tone="muted">
                {newest.error_message ?? 'Something went wrong while reading the site.'}
              </Text>
            </Card>
          ) : null}
          {!latest && !showProgress ? (
            <EmptyState
              title="No results yet"
              message="Enter your website address above and press “Analyse my website”. It takes about a minute."
            />
          ) : null}
          {latest ? (
            detail.isPending ? (
              <LoadingState label="Loading the results" />
            ) : detail.isError && !detail.data ? (
              <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
            ) : detail.data ? (
              <>
                <AnalysisResults analysis={detail.data} />
                {!showProgress ? (
                  <Button
                    label="Run the analysis again"
                    variant="secondary"
                    onPress={runAgain}
                    loading={run.starting}
                    hint="Analyses the same website and competitors again"
                  />
                ) : null}
              </>
            ) : null
          ) : null}
          {items.length > 0 ? (
            <View style={styles.history}>
              <Text variant="heading">Past analyses</Text>
              {items.map((a) => (
                <Card key={a.id} style={styles.historyRow}>
                  <Text variant="label">{shortUrl(a.website_url)}</Text>
                  <Text tone="muted">
                    {formatWhen(a.completed_at ?? a.created_at)} · {STATUS_WORDS[a.status]}
                    {a.summary?.scores.overall != null
                      ? ` · overall ${Math.round(a.summary.scores.overall)} of 100`
                      : ''}
                  </Text>
                  {a.status === 'completed' ? (
                    <LinkButton
                      label={`Open the analysis of ${formatWhen(a.completed_at)}`}
                      onPress={() => router.push(`/analysis/${a.id}`)}
                    />
                  ) : null}
                </Card>
              ))}
            </View>
          ) : null}
        </>
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  history: { gap: 8 },
  historyRow: { gap: 4 },
});

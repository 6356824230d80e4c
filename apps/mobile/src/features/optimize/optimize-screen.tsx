import type { ActionItem } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, View } from 'react-native';
import { errorMessage } from '../../lib/error-messages';
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
import { AnalysisProgress } from '../discover/analysis-progress';
import { SCORE_CATEGORIES, type ScoreKey } from '../discover/labels';
import { latestCompleted, useAnalysis, useCompare } from '../discover/queries';
import { useAnalysisRun } from '../discover/use-analysis-run';
import { ChoiceChips } from '../execute/choice-chips';
import { STATUS_WORDS, verificationSentence } from '../execute/labels';
import { useLatestStrategy } from '../plan/queries';
import { ComparisonView } from './comparison-view';
import { historyLabels, useDashboard } from './queries';
import { ScoreChart } from './score-chart';

/** Ring 5: scores over time, what the last analysis confirmed, what to do next, re-analysis. */
export function OptimizeScreen() {
  const router = useRouter();
  const dashboard = useDashboard();
  const { detail: strategy } = useLatestStrategy();
  const [series, setSeries] = useState<ScoreKey>('overall');
  const run = useAnalysisRun(() => {
    void dashboard.refetch();
    void strategy.refetch();
  });
  const analyses = run.analyses;
  const items = analyses.data?.items ?? [];

  const latest = latestCompleted(analyses.data);
  const previousId = latest?.previous_analysis_id ?? null;
  const compare = useCompare(latest?.id ?? null, previousId);
  const latestDetail = useAnalysis(previousId ? latest?.id : null);
  const previousDetail = useAnalysis(previousId);
  const previous = items.find((a) => a.id === previousId);
  const titleOf = (auditId: string) =>
    latestDetail.data?.findings.find((f) => f.audit_id === auditId)?.title ??
    previousDetail.data?.findings.find((f) => f.audit_id === auditId)?.title;

  const refresh = () => {
    void dashboard.refetch();
    void analyses.refetch();
    void strategy.refetch();
    if (previousId) void compare.refetch();
  };
  const reanalyse = () => {
    if (!latest) return;
    run.start({ website_url: latest.website_url, competitors: latest.competitors });
  };

  const history = [...(dashboard.data?.score_history ?? [])].sort((a, b) =>
    a.completed_at.localeCompare(b.completed_at),
  );
  const labels = historyLabels(history.map((h) => h.completed_at));
  const rows = history.map((h, i) => ({ label: labels[i] ?? '', value: h.scores[series] ?? null }));
  const seriesLabel = SCORE_CATEGORIES.find((c) => c.key === series)?.label ?? 'Overall';
  const actions = strategy.data?.action_items ?? [];
  const verified = actions.filter((a) => a.verification_status === 'verified');
  const flagged = actions.filter((a) => a.verification_status === 'flagged');
  const openAction = (a: ActionItem) =>
    router.push({ pathname: '/action/[id]', params: { id: a.id, strategy: a.strategy_id } });

  return (
    <Screen onRefresh={refresh} refreshing={dashboard.isRefetching}>
      <ScreenHeader title="Optimize" subtitle="Ring 5: is the work paying off?" />
      {dashboard.isPending || analyses.isPending ? (
        <LoadingState label="Loading your progress" />
      ) : dashboard.isError && !dashboard.data ? (
        <ErrorState error={dashboard.error} onRetry={refresh} />
      ) : history.length === 0 || !latest ? (
        <EmptyState
          title="Nothing to compare yet"
          message="Progress shows here once your website has been analysed. Start in Discover."
          action={{ label: 'Go to Discover', onPress: () => router.navigate('/discover') }}
        />
      ) : (
        <>
          {run.live ? (
            <AnalysisProgress state={run.progress} title="Re-analysing your website" />
          ) : (
            <Card style={styles.gap}>
              <Text>
                Finished some tasks? Analyse the website again to check them and see the scores
                move.
              </Text>
              <Button label="Re-analyse my website" onPress={reanalyse} loading={run.starting} />
              {run.startError ? (
                <Text tone="danger" accessibilityRole="alert">
                  {errorMessage(run.startError)}
                </Text>
              ) : null}
            </Card>
          )}

          <Text variant="heading">Scores over time</Text>
          <Card style={styles.gap}>
            <ChoiceChips
              group="Score"
              value={series}
              onChange={setSeries}
              options={SCORE_CATEGORIES.map((c) => ({ value: c.key, label: c.label }))}
            />
            <ScoreChart rows={rows} seriesLabel={seriesLabel} />
            <View role="list" aria-label={`${seriesLabel} score after each analysis`}>
              {rows.map((r, i) => (
                <View
                  key={history[i]?.analysis_id}
                  role="listitem"
                  style={styles.tr}
                  accessible
                  accessibilityLabel={`${r.label}: ${r.value === null ? 'not measured' : `${Math.round(r.value)} out of 100`}`}
                >
                  <Text tone="muted">{r.label}</Text>
                  <Text>{r.value === null ? '–' : Math.round(r.value)}</Text>
                </View>
              ))}
            </View>
          </Card>

          {previousId && compare.data ? (
            <ComparisonView
              comparison={compare.data}
              before={previous?.summary?.scores ?? null}
              after={latest.summary?.scores ?? null}
              titleOf={titleOf}
            />
          ) : previousId && compare.isError ? (
            <ErrorState error={compare.error} onRetry={() => void compare.refetch()} />
          ) : null}

          <Text variant="heading">Your tasks</Text>
          <Card style={styles.gap}>
            <Text>
              {dashboard.data.actions.done} of {dashboard.data.actions.total} tasks done.
            </Text>
            <Text>
              <Text variant="label">Verified ({dashboard.data.actions.verified}): </Text>a later
              analysis shows the problem is gone.
            </Text>
            <Text>
              <Text variant="label">Flagged ({dashboard.data.actions.flagged}): </Text>
              marked as done, but the latest analysis still finds the problem.
            </Text>
          </Card>
          {verified.length ? (
            <View style={styles.gap}>
              <Text variant="subheading">Verified</Text>
              {verified.map((a) => (
                <ActionLine key={a.id} action={a} onOpen={() => openAction(a)} />
              ))}
            </View>
          ) : null}
          {flagged.length ? (
            <View style={styles.gap}>
              <Text variant="subheading">Flagged</Text>
              {flagged.map((a) => (
                <ActionLine key={a.id} action={a} onOpen={() => openAction(a)} />
              ))}
            </View>
          ) : null}

          <Text variant="heading">Next best actions</Text>
          {dashboard.data.next_best_actions.length === 0 ? (
            <Card>
              <Text>No open tasks. Re-analyse to check your work, or make a new plan.</Text>
            </Card>
          ) : (
            dashboard.data.next_best_actions.map((a) => (
              <ActionLine key={a.id} action={a} onOpen={() => openAction(a)} />
            ))
          )}
        </>
      )}
    </Screen>
  );
}

function ActionLine({ action, onOpen }: { action: ActionItem; onOpen: () => void }) {
  return (
    <Card style={styles.line}>
      <LinkButton label={`Task: ${action.title}`} onPress={onOpen} />
      <Text tone="muted">
        {STATUS_WORDS[action.status]}. {verificationSentence(action)}
      </Text>
    </Card>
  );
}

const styles = StyleSheet.create({
  gap: { gap: 8 },
  line: { gap: 2 },
  tr: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2 },
});

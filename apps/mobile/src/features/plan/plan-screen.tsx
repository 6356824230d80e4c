import type { Strategy } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { Pressable, StyleSheet, View } from 'react-native';
import { errorMessage } from '../../lib/error-messages';
import { useTheme } from '../../theme/use-theme';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  LoadingState,
  ProgressBar,
  Screen,
  ScreenHeader,
  Text,
} from '../../ui';
import { latestCompleted, useAnalyses } from '../discover/queries';
import { ExportPanel } from './export-panel';
import { categoryWords, goalLine, levelsLine } from './labels';
import { PriorityMatrixView } from './priority-matrix';
import { useGenerateStrategy, useLatestStrategy, useMatrix } from './queries';

/** Ring 3: the plan made from the latest analysis. */
export function PlanScreen() {
  const router = useRouter();
  const analyses = useAnalyses();
  const { list, detail, id } = useLatestStrategy();
  const matrix = useMatrix(id);
  const generate = useGenerateStrategy();
  const latest = latestCompleted(analyses.data);

  const refresh = () => {
    void analyses.refetch();
    void list.refetch();
    if (id) {
      void detail.refetch();
      void matrix.refetch();
    }
  };
  const openRecommendation = (recId: string) =>
    router.push({ pathname: '/recommendation/[id]', params: { id: recId, strategy: id ?? '' } });

  const loading = list.isPending || analyses.isPending || (!!id && detail.isPending);
  const failed = (list.isError && !list.data) || (analyses.isError && !analyses.data);
  const strategy = detail.data;
  const outdated = !!strategy && !!latest && strategy.analysis_id !== latest.id;

  return (
    <Screen onRefresh={refresh} refreshing={list.isRefetching || detail.isRefetching}>
      <ScreenHeader title="Plan" subtitle="Ring 3: what to do first, and why." />
      {loading ? (
        <LoadingState label="Loading your plan" />
      ) : failed ? (
        <ErrorState error={list.error ?? analyses.error} onRetry={refresh} />
      ) : !strategy ? (
        latest ? (
          <Card style={styles.gap}>
            <Text variant="subheading">Make your plan</Text>
            <Text tone="muted">
              Quento turns the problems found on your website into a list of recommendations, most
              useful first, and the tasks that put them into practice.
            </Text>
            <Button
              label="Create my plan"
              loading={generate.isPending}
              onPress={() => generate.mutate(latest.id)}
            />
            {generate.isError ? (
              <Text tone="danger" accessibilityRole="alert">
                {errorMessage(generate.error)}
              </Text>
            ) : null}
          </Card>
        ) : (
          <EmptyState
            title="Analyse your website first"
            message="Your plan is built from what the website analysis finds. Run one in Discover, then come back here."
            action={{ label: 'Go to Discover', onPress: () => router.navigate('/discover') }}
          />
        )
      ) : (
        <>
          <Overview strategy={strategy} />
          {outdated ? (
            <Card style={styles.gap}>
              <Text>There is a newer analysis than the one this plan was made from.</Text>
              <Button
                label="Make a new plan from the latest analysis"
                variant="secondary"
                loading={generate.isPending}
                onPress={() => latest && generate.mutate(latest.id)}
              />
            </Card>
          ) : null}
          <Text variant="heading">Recommendations</Text>
          {strategy.recommendations.length === 0 ? (
            <EmptyState
              title="Nothing to recommend"
              message="The analysis found no problems worth a recommendation. Well done."
            />
          ) : (
            strategy.recommendations.map((r) => (
              <RecommendationCard
                key={r.id}
                recommendation={r}
                onPress={() => openRecommendation(r.id)}
              />
            ))
          )}
          <Text variant="heading">Priority matrix</Text>
          {matrix.isPending ? (
            <LoadingState label="Loading the matrix" />
          ) : matrix.isError && !matrix.data ? (
            <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
          ) : matrix.data ? (
            <PriorityMatrixView matrix={matrix.data} onOpen={openRecommendation} />
          ) : null}
          <ExportPanel strategyId={strategy.id} />
        </>
      )}
    </Screen>
  );
}

function Overview({ strategy }: { strategy: Strategy }) {
  const p = strategy.progress;
  const share = p.total ? p.done / p.total : 0;
  return (
    <Card style={styles.gap}>
      <Text variant="heading">{strategy.title ?? 'Your growth plan'}</Text>
      {strategy.summary ? <Text>{strategy.summary}</Text> : null}
      {strategy.goals?.length ? (
        <View
          style={styles.goals}
          accessible
          accessibilityLabel={`Your goals: ${strategy.goals.join(', ')}`}
        >
          <Text variant="label">Your goals</Text>
          {strategy.goals.map((g) => (
            <Text key={g}>• {g}</Text>
          ))}
        </View>
      ) : null}
      <Text tone="muted">
        {strategy.recommendations.length} recommendations · {p.total} tasks · {p.done} done ·{' '}
        {p.verified} confirmed by a new analysis
      </Text>
      <ProgressBar value={share} label={`${p.done} of ${p.total} tasks done`} />
    </Card>
  );
}

function RecommendationCard({
  recommendation: r,
  onPress,
}: {
  recommendation: Strategy['recommendations'][number];
  onPress: () => void;
}) {
  const { colors, radius } = useTheme();
  const goal = goalLine(r);
  return (
    <Pressable
      accessibilityRole="link"
      accessibilityLabel={r.title}
      accessibilityHint="Opens the recommendation with its evidence"
      onPress={onPress}
      style={({ pressed }) => [
        styles.rec,
        {
          backgroundColor: colors.surface,
          borderColor: colors.border,
          borderRadius: radius.lg,
          opacity: pressed ? 0.85 : 1,
        },
      ]}
    >
      <Text variant="subheading">{r.title}</Text>
      <Text tone="muted">{levelsLine(r)}</Text>
      {goal ? <Text>{goal}</Text> : null}
      <Text variant="caption" tone="muted">
        {categoryWords(r.category)}
        {r.source === 'strategic' ? ' · suggested by the advisor' : ''}
      </Text>
      <View style={styles.more}>
        <Text variant="label" tone="primary">
          See why and the evidence
        </Text>
      </View>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  gap: { gap: 10 },
  rec: { borderWidth: StyleSheet.hairlineWidth, padding: 16, gap: 6 },
  more: { alignItems: 'flex-start' },
  goals: { gap: 2 },
});

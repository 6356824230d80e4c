import { describeEvidence } from '@quento/contracts';
import { Stack, useLocalSearchParams, useRouter } from 'expo-router';
import { StyleSheet, View } from 'react-native';
import { Card, EmptyState, ErrorState, LinkButton, LoadingState, Screen, Text } from '../../ui';
import { useAnalysis } from '../discover/queries';
import { categoryWords, levelsLine } from './labels';
import { useStrategy } from './queries';

/** One recommendation: why, how much it matters, the evidence it rests on, its tasks. */
export function RecommendationScreen() {
  const router = useRouter();
  const { id, strategy: strategyId } = useLocalSearchParams<{ id: string; strategy?: string }>();
  const strategy = useStrategy(strategyId);
  const analysis = useAnalysis(strategy.data?.analysis_id);
  const rec = strategy.data?.recommendations.find((r) => r.id === id);
  const titleOf = (auditId: string) =>
    analysis.data?.findings.find((f) => f.audit_id === auditId)?.title;
  const actions = strategy.data?.action_items.filter((a) => a.recommendation_id === id) ?? [];

  return (
    <Screen
      edges={['bottom']}
      onRefresh={() => void strategy.refetch()}
      refreshing={strategy.isRefetching}
    >
      <Stack.Screen options={{ title: 'Recommendation' }} />
      {!strategyId ? (
        <EmptyState title="No plan given" message="Open recommendations from the Plan tab." />
      ) : strategy.isPending ? (
        <LoadingState label="Loading the recommendation" />
      ) : strategy.isError && !strategy.data ? (
        <ErrorState error={strategy.error} onRetry={() => void strategy.refetch()} />
      ) : !rec ? (
        <EmptyState
          title="Recommendation not found"
          message="It may belong to an older plan. Open the Plan tab for the current one."
        />
      ) : (
        <>
          <Text variant="title">{rec.title}</Text>
          <Text tone="muted">
            {levelsLine(rec)} · {categoryWords(rec.category)}
          </Text>
          <Text>{rec.description}</Text>
          <Card style={styles.gap}>
            <Text variant="subheading">Why it matters</Text>
            <Text>{rec.rationale}</Text>
          </Card>
          <Text variant="heading">Evidence</Text>
          {rec.evidence.length === 0 ? (
            <Text tone="muted">
              This advice comes from the advisor’s reading of your business, not from a specific
              check on the website.
            </Text>
          ) : (
            rec.evidence.map((e) => {
              const view = describeEvidence(e, titleOf(e.audit_id));
              return (
                <Card key={e.audit_id} style={styles.gap}>
                  <Text variant="subheading">{view.check}</Text>
                  <Text>{view.where}</Text>
                  {view.pages.length ? (
                    <View style={styles.list}>
                      <Text variant="label">Pages</Text>
                      {view.pages.map((p) => (
                        <Text key={p} tone="muted">
                          • {p}
                        </Text>
                      ))}
                    </View>
                  ) : null}
                  {view.facts.length ? (
                    <View style={styles.list}>
                      <Text variant="label">What was measured</Text>
                      {view.facts.map((f) => (
                        <Text key={f} tone="muted">
                          • {f}
                        </Text>
                      ))}
                    </View>
                  ) : null}
                </Card>
              );
            })
          )}
          {actions.length ? (
            <>
              <Text variant="heading">Tasks</Text>
              {actions.map((a) => (
                <LinkButton
                  key={a.id}
                  label={`Task: ${a.title}`}
                  onPress={() =>
                    router.push({
                      pathname: '/action/[id]',
                      params: { id: a.id, strategy: strategyId },
                    })
                  }
                />
              ))}
            </>
          ) : null}
        </>
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  gap: { gap: 8 },
  list: { gap: 2 },
});

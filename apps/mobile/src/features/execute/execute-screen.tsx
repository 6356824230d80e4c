import type { ActionItem } from '@quento/contracts';
import { useRouter } from 'expo-router';
import { useState } from 'react';
import { Pressable, StyleSheet } from 'react-native';
import { useTheme } from '../../theme/use-theme';
import { Card, EmptyState, ErrorState, LoadingState, Screen, ScreenHeader, Text } from '../../ui';
import { categoryWords, levelsLine, PRIORITY_WORDS } from '../plan/labels';
import { useLatestStrategy } from '../plan/queries';
import { ChoiceChips } from './choice-chips';
import { type ActionFilters, filterActions, NO_FILTERS, presentValues } from './filters';
import { STATUS_ORDER, STATUS_WORDS, VERIFICATION_WORDS } from './labels';

/** Ring 4: the plan's tasks, filtered, each opening its details. */
export function ExecuteScreen() {
  const router = useRouter();
  const { list, detail, id } = useLatestStrategy();
  const [filters, setFilters] = useState<ActionFilters>(NO_FILTERS);
  const items = detail.data?.action_items ?? [];
  const shown = filterActions(items, filters);
  const refresh = () => {
    void list.refetch();
    if (id) void detail.refetch();
  };
  const loading = list.isPending || (!!id && detail.isPending);
  return (
    <Screen onRefresh={refresh} refreshing={list.isRefetching || detail.isRefetching}>
      <ScreenHeader
        title="Execute"
        subtitle="Ring 4: the tasks that put your plan into practice."
      />
      {loading ? (
        <LoadingState label="Loading your tasks" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={refresh} />
      ) : detail.isError && !detail.data ? (
        <ErrorState error={detail.error} onRetry={refresh} />
      ) : !id || !detail.data ? (
        <EmptyState
          title="No tasks yet"
          message="Tasks come from your plan. Create the plan first in the Plan tab."
          action={{ label: 'Go to Plan', onPress: () => router.navigate('/plan') }}
        />
      ) : (
        <>
          <Text tone="muted">
            {items.filter((a) => a.status === 'done').length} of {items.length} tasks done
          </Text>
          <ChoiceChips
            group="Status"
            value={filters.status}
            onChange={(status) => setFilters({ ...filters, status })}
            options={[
              { value: 'all', label: 'All' },
              ...STATUS_ORDER.map((s) => ({ value: s, label: STATUS_WORDS[s] })),
            ]}
          />
          <ChoiceChips
            group="Priority"
            value={filters.priority}
            onChange={(priority) => setFilters({ ...filters, priority })}
            options={[
              { value: 'all', label: 'All' },
              ...presentValues(items, 'priority').map((p) => ({
                value: p,
                label: PRIORITY_WORDS[p as keyof typeof PRIORITY_WORDS] ?? p,
              })),
            ]}
          />
          <ChoiceChips
            group="Category"
            value={filters.category}
            onChange={(category) => setFilters({ ...filters, category })}
            options={[
              { value: 'all', label: 'All' },
              ...presentValues(items, 'category').map((c) => ({
                value: c,
                label: categoryWords(c),
              })),
            ]}
          />
          {shown.length === 0 ? (
            <Card>
              <Text>No task matches these filters.</Text>
            </Card>
          ) : (
            shown.map((a) => (
              <ActionRow
                key={a.id}
                action={a}
                onPress={() =>
                  router.push({ pathname: '/action/[id]', params: { id: a.id, strategy: id } })
                }
              />
            ))
          )}
        </>
      )}
    </Screen>
  );
}

function ActionRow({ action: a, onPress }: { action: ActionItem; onPress: () => void }) {
  const { colors, radius } = useTheme();
  const due = a.due_date ? ` · due ${a.due_date}` : '';
  const check =
    a.verification_status === 'unverified' ? '' : ` · ${VERIFICATION_WORDS[a.verification_status]}`;
  return (
    <Pressable
      accessibilityRole="link"
      accessibilityLabel={`Task: ${a.title}. ${STATUS_WORDS[a.status]}${due}${check}`}
      onPress={onPress}
      style={({ pressed }) => [
        styles.row,
        {
          backgroundColor: colors.surface,
          borderColor: a.status === 'done' ? colors.success : colors.border,
          borderRadius: radius.lg,
          opacity: pressed ? 0.85 : 1,
        },
      ]}
    >
      <Text variant="subheading" style={a.status === 'done' ? styles.doneText : undefined}>
        {a.title}
      </Text>
      <Text tone={a.status === 'done' ? 'success' : 'muted'}>
        {STATUS_WORDS[a.status]}
        {due}
        {check}
      </Text>
      <Text variant="caption" tone="muted">
        {levelsLine(a)} · {categoryWords(a.category)}
      </Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  row: { borderWidth: 1, padding: 14, gap: 4 },
  doneText: { textDecorationLine: 'line-through' },
});

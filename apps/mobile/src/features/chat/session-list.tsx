import type { Conversation } from '@quento/contracts';
import { Pressable, StyleSheet, View } from 'react-native';
import { useTheme } from '../../theme/use-theme';
import { Button, EmptyState, ErrorState, LoadingState, Text } from '../../ui';
import { useSessions } from './queries';

const RING_NAME: Record<Conversation['ring_phase'], string> = {
  core: 'Core story',
  discover: 'Discover',
  plan: 'Plan',
  execute: 'Execute',
  optimize: 'Optimize',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Past conversations, to reopen one. */
export function SessionList({
  onOpen,
  onNew,
  creating,
}: {
  onOpen: (id: string) => void;
  onNew: () => void;
  creating: boolean;
}) {
  const sessions = useSessions();
  const { colors, radius } = useTheme();
  return (
    <View style={styles.wrap}>
      <Button label="New conversation" onPress={onNew} loading={creating} />
      <Text variant="heading">Past conversations</Text>
      {sessions.isPending ? (
        <LoadingState label="Loading your conversations" />
      ) : sessions.isError && !sessions.data ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <EmptyState
          title="No conversations yet"
          message="Start one to tell Quento about your business."
        />
      ) : (
        <View style={styles.wrap}>
          {sessions.data.items.map((s) => {
            const title = s.title ?? `${RING_NAME[s.ring_phase]} conversation`;
            const status = s.status === 'ended' ? 'ended' : 'open';
            return (
              <Pressable
                key={s.id}
                accessibilityRole="button"
                accessibilityLabel={`Open ${title}, ${status}, last active ${when(s.updated_at)}`}
                onPress={() => onOpen(s.id)}
                style={({ pressed }) => [
                  styles.item,
                  {
                    backgroundColor: colors.surface,
                    borderColor: colors.border,
                    borderRadius: radius.md,
                    opacity: pressed ? 0.8 : 1,
                  },
                ]}
              >
                <Text variant="label">{title}</Text>
                <Text variant="caption" tone="muted">
                  {RING_NAME[s.ring_phase]} · {status === 'ended' ? 'Ended' : 'Open'} ·{' '}
                  {when(s.updated_at)}
                </Text>
              </Pressable>
            );
          })}
        </View>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: 12 },
  item: { padding: 14, borderWidth: StyleSheet.hairlineWidth, gap: 2, minHeight: 48 },
});

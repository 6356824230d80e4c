import { useLocalSearchParams, useRouter } from 'expo-router';
import { StyleSheet, View } from 'react-native';
import { errorMessage } from '../../lib/error-messages';
import { Button, Screen, Text } from '../../ui';
import { ModalTitle } from '../../ui/modal-close';
import { Conversation } from './conversation';
import { CORE_SESSION, useCreateSession } from './queries';
import { SessionList } from './session-list';

/** The advisor chat: `/chat?session=<id>` opens a conversation, `/chat` lists them. */
export function ChatScreen() {
  const router = useRouter();
  const { session } = useLocalSearchParams<{ session?: string }>();
  const create = useCreateSession();
  const open = (id: string) => router.setParams({ session: id });
  const startNew = () => create.mutate(CORE_SESSION, { onSuccess: (c) => open(c.id) });

  return (
    <Screen scroll={!session} edges={['bottom']}>
      <ModalTitle title={session ? 'Your advisor' : 'Conversations'} />
      {create.isError ? (
        <Text tone="danger" accessibilityRole="alert">
          {errorMessage(create.error)}
        </Text>
      ) : null}
      {session ? (
        <>
          <View style={styles.bar}>
            <Button
              label="Past conversations"
              variant="ghost"
              compact
              onPress={() => router.setParams({ session: '' })}
            />
            <Button
              label="New conversation"
              variant="secondary"
              compact
              loading={create.isPending}
              onPress={startNew}
            />
          </View>
          <Conversation key={session} sessionId={session} />
        </>
      ) : (
        <SessionList onOpen={open} onNew={startNew} creating={create.isPending} />
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  bar: { flexDirection: 'row', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' },
});

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'expo-router';
import { useEffect, useRef, useState } from 'react';
import { ScrollView, StyleSheet, View } from 'react-native';
import { ERROR_MESSAGES } from '../../lib/error-messages';
import { useTheme } from '../../theme/use-theme';
import { Button, Card, LoadingState, Text, TextField } from '../../ui';
import { KeyboardAvoiding } from '../../ui/keyboard-avoiding';
import { accountKeys, useProgress } from '../account/queries';
import { profileKeys } from '../home/profile-queries';
import type { Connection } from './chat-reducer';
import { MessageBubble } from './message-bubble';
import { useChatSocket } from './use-chat-socket';

const CONNECTION_TEXT: Partial<Record<Connection, string>> = {
  connecting: 'Connecting to your advisor…',
  syncing: 'Loading the conversation…',
  reconnecting: 'Connection lost. Reconnecting…',
};

/** One conversation: the messages, the reply as it streams, and the composer. */
export function Conversation({ sessionId }: { sessionId: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const { colors } = useTheme();
  const { state, send, retry } = useChatSocket(sessionId);
  const progress = useProgress();
  const [draft, setDraft] = useState('');
  const scroll = useRef<ScrollView>(null);

  // What the advisor learnt shows on Home and in the rings.
  const replies = state.bubbles.filter((b) => b.role === 'assistant' && b.id).length;
  useEffect(() => {
    if (replies === 0) return;
    void client.invalidateQueries({ queryKey: profileKeys.all });
    void client.invalidateQueries({ queryKey: accountKeys.progress() });
  }, [replies, client]);

  const coreDone = state.profileComplete || progress.data?.rings[0]?.state === 'completed';
  const busy = !!state.outbox;
  const canSend = draft.trim().length > 0 && !busy && state.connection !== 'closed';
  const submit = () => {
    if (canSend && send(draft)) setDraft('');
  };

  if (state.fatal)
    return (
      <Card accessibilityRole="alert">
        <Text variant="subheading">This conversation cannot be opened</Text>
        <Text tone="muted">{ERROR_MESSAGES[state.fatal]}</Text>
        <Button label="Past conversations" onPress={() => router.setParams({ session: '' })} />
      </Card>
    );

  const notice = CONNECTION_TEXT[state.connection];
  return (
    <KeyboardAvoiding style={styles.fill}>
      {notice && state.bubbles.length > 0 ? (
        <Text
          variant="caption"
          tone="warning"
          accessibilityRole="alert"
          accessibilityLiveRegion="polite"
        >
          {notice}
        </Text>
      ) : null}
      <ScrollView
        ref={scroll}
        style={styles.fill}
        contentContainerStyle={styles.list}
        onContentSizeChange={() => scroll.current?.scrollToEnd({ animated: true })}
        accessibilityLabel="Messages"
      >
        {state.bubbles.length === 0 && notice ? (
          <LoadingState label={notice.replace('…', '')} />
        ) : null}
        {state.bubbles.map((b) => (
          <MessageBubble key={b.key} bubble={b} onRetry={retry} />
        ))}
        {state.typing && state.bubbles.at(-1)?.status !== 'streaming' ? (
          <Text tone="muted" accessibilityLiveRegion="polite" accessibilityLabel="Quento is typing">
            Quento is typing…
          </Text>
        ) : null}
        {coreDone ? (
          <Card accessibilityRole="summary" style={{ borderColor: colors.success, borderWidth: 1 }}>
            <Text variant="subheading">Your core story is complete — next: Discover</Text>
            <Text tone="muted">
              Quento has what it needs about your business. Now let it analyse your website.
            </Text>
            <Button label="Go to Discover" onPress={() => router.dismissTo('/discover')} />
          </Card>
        ) : null}
      </ScrollView>
      <View style={[styles.composer, { borderTopColor: colors.border }]}>
        <View style={styles.fill}>
          <TextField
            label="Your message"
            value={draft}
            onChangeText={setDraft}
            multiline
            maxLength={8000}
            placeholder={
              state.mode === 'guided' ? 'Answer the question above' : 'Ask or tell Quento'
            }
            style={styles.input}
            onSubmitEditing={submit}
            submitBehavior="submit"
          />
        </View>
        <Button
          label="Send"
          onPress={submit}
          disabled={!canSend}
          loading={busy}
          style={styles.send}
        />
      </View>
    </KeyboardAvoiding>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  list: { gap: 12, paddingVertical: 8 },
  composer: {
    flexDirection: 'row',
    alignItems: 'flex-end',
    gap: 8,
    paddingTop: 8,
    borderTopWidth: StyleSheet.hairlineWidth,
  },
  input: { minHeight: 48, maxHeight: 140 },
  send: { marginBottom: 0 },
});

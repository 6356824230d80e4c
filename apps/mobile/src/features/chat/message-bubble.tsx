import { StyleSheet, View } from 'react-native';
import { ERROR_MESSAGES } from '../../lib/error-messages';
import { useTheme } from '../../theme/use-theme';
import { Button, Text } from '../../ui';
import type { Bubble } from './chat-reducer';

const WHO = { user: 'You', assistant: 'Quento', system: 'Note' } as const;

/**
 * One message; a failed one says why and offers to send it again, and a stored one that got no
 * reply says why.
 */
export function MessageBubble({
  bubble,
  onRetry,
}: {
  bubble: Bubble;
  onRetry: (key: string) => void;
}) {
  const { colors, radius } = useTheme();
  const mine = bubble.role === 'user';
  const status =
    bubble.status === 'sending'
      ? 'Sending…'
      : bubble.interrupted
        ? 'This reply was cut short.'
        : null;
  return (
    <View
      style={[styles.row, mine ? styles.mine : styles.theirs]}
      accessibilityLabel={`${WHO[bubble.role]}: ${bubble.content}`}
      accessible={bubble.status !== 'failed'}
    >
      <View
        style={[
          styles.bubble,
          {
            borderRadius: radius.lg,
            backgroundColor: mine ? colors.primary : colors.surface,
            borderColor: bubble.status === 'failed' ? colors.danger : colors.border,
          },
        ]}
      >
        <Text variant="caption" tone={mine ? 'onPrimary' : 'muted'}>
          {WHO[bubble.role]}
        </Text>
        <Text tone={mine ? 'onPrimary' : 'default'} selectable>
          {bubble.content}
        </Text>
        {status ? (
          <Text variant="caption" tone={mine ? 'onPrimary' : 'muted'}>
            {status}
          </Text>
        ) : null}
      </View>
      {bubble.status === 'failed' ? (
        <View style={styles.failed} accessibilityRole="alert">
          <Text variant="caption" tone="danger">
            Not sent. {bubble.error ? ERROR_MESSAGES[bubble.error] : ''}
          </Text>
          <Button
            label="Retry"
            hint="Sends this message again"
            variant="secondary"
            compact
            onPress={() => onRetry(bubble.key)}
          />
        </View>
      ) : bubble.error ? (
        <Text variant="caption" tone="danger" accessibilityRole="alert">
          No reply came. {ERROR_MESSAGES[bubble.error]}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { gap: 6, maxWidth: '88%' },
  mine: { alignSelf: 'flex-end', alignItems: 'flex-end' },
  theirs: { alignSelf: 'flex-start', alignItems: 'flex-start' },
  bubble: {
    paddingHorizontal: 14,
    paddingVertical: 10,
    borderWidth: StyleSheet.hairlineWidth,
    gap: 2,
  },
  failed: { gap: 6, alignItems: 'flex-end' },
});

import { ActivityIndicator, StyleSheet, View } from 'react-native';
import { errorMessage } from '../lib/error-messages';
import { useTheme } from '../theme/use-theme';
import { Button } from './button';
import { Card } from './card';
import { Text } from './text';

export function LoadingState({ label = 'Loading' }: { label?: string }) {
  const { colors } = useTheme();
  return (
    <View style={styles.center}>
      <ActivityIndicator color={colors.primary} size="large" aria-label={label} />
      <Text tone="muted">{label}…</Text>
    </View>
  );
}

export function EmptyState({
  title,
  message,
  action,
}: {
  title: string;
  message: string;
  action?: { label: string; onPress: () => void };
}) {
  return (
    <Card style={styles.block}>
      <Text variant="subheading">{title}</Text>
      <Text tone="muted">{message}</Text>
      {action ? <Button label={action.label} onPress={action.onPress} /> : null}
    </Card>
  );
}

/** A failed load, in words, with a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Card style={styles.block} accessibilityRole="alert">
      <Text variant="subheading">That did not load</Text>
      <Text tone="muted">{errorMessage(error)}</Text>
      {onRetry ? <Button label="Try again" variant="secondary" onPress={onRetry} /> : null}
    </Card>
  );
}

const styles = StyleSheet.create({
  center: { alignItems: 'center', justifyContent: 'center', gap: 12, padding: 32 },
  block: { gap: 12 },
});

import type { ReactNode } from 'react';
import { StyleSheet, View } from 'react-native';
import { Card, Screen, Text } from '../../ui';
import { KeyboardAvoiding } from '../../ui/keyboard-avoiding';

/** The frame of the sign-in screens: the product's name, a title, and the form in a card. */
export function AuthFrame({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Screen edges={['top', 'bottom']}>
      <KeyboardAvoiding style={styles.wrap}>
        <View style={styles.brand}>
          <Text variant="title" tone="primary" accessibilityRole="header">
            Quento
          </Text>
          <Text tone="muted">Your growth advisor, in your pocket</Text>
        </View>
        <Card style={styles.card}>
          <Text variant="heading">{title}</Text>
          <Text tone="muted">{subtitle}</Text>
          {children}
        </Card>
        {footer ? <View style={styles.footer}>{footer}</View> : null}
      </KeyboardAvoiding>
    </Screen>
  );
}

/** A form-level failure, announced when it appears. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Text tone="danger" accessibilityRole="alert" accessibilityLiveRegion="assertive">
      {message}
    </Text>
  );
}

const styles = StyleSheet.create({
  wrap: { flex: 1, justifyContent: 'center', gap: 20, paddingVertical: 24 },
  brand: { alignItems: 'center', gap: 4 },
  card: { gap: 14, padding: 20 },
  footer: { alignItems: 'center', gap: 8 },
});

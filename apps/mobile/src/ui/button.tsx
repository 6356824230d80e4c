import { ActivityIndicator, Pressable, type PressableProps, StyleSheet, View } from 'react-native';
import { useTheme } from '../theme/use-theme';
import { Text } from './text';

export interface ButtonProps extends Omit<PressableProps, 'children'> {
  label: string;
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  loading?: boolean;
  /** Read by screen readers when the label alone does not say what happens. */
  hint?: string;
  compact?: boolean;
}

export function Button({
  label,
  variant = 'primary',
  loading = false,
  disabled,
  hint,
  compact,
  style,
  ...rest
}: ButtonProps) {
  const { colors, radius } = useTheme();
  const inactive = disabled || loading;
  const palette = {
    primary: { bg: colors.primary, fg: 'onPrimary' as const, border: colors.primary },
    secondary: { bg: colors.surface, fg: 'primary' as const, border: colors.primary },
    ghost: { bg: 'transparent', fg: 'primary' as const, border: 'transparent' },
    danger: { bg: colors.surface, fg: 'danger' as const, border: colors.danger },
  }[variant];
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityHint={hint}
      aria-disabled={!!inactive}
      aria-busy={loading}
      disabled={inactive}
      style={(state) => [
        styles.base,
        compact && styles.compact,
        {
          backgroundColor: palette.bg,
          borderColor: palette.border,
          borderRadius: radius.md,
          opacity: inactive ? 0.6 : state.pressed ? 0.85 : 1,
        },
        typeof style === 'function' ? style(state) : style,
      ]}
      {...rest}
    >
      <View style={styles.row}>
        {/* The button itself says it is busy (aria-busy): the spinner is decoration. */}
        {loading ? <ActivityIndicator color={colors[palette.fg]} aria-hidden /> : null}
        <Text variant="label" tone={palette.fg}>
          {label}
        </Text>
      </View>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  base: {
    minHeight: 48,
    paddingHorizontal: 18,
    paddingVertical: 12,
    borderWidth: 1,
    alignItems: 'center',
    justifyContent: 'center',
  },
  compact: { minHeight: 40, paddingVertical: 8, paddingHorizontal: 12 },
  row: { flexDirection: 'row', alignItems: 'center', gap: 8 },
});

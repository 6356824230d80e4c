import { forwardRef } from 'react';
import { StyleSheet, TextInput, type TextInputProps, View } from 'react-native';
import { useTheme } from '../theme/use-theme';
import { Text } from './text';

export interface TextFieldProps extends TextInputProps {
  label: string;
  error?: string | null;
  help?: string;
}

/** A labelled input; its error is announced with the field and shown under it. */
export const TextField = forwardRef<TextInput, TextFieldProps>(function TextField(
  { label, error, help, style, multiline, ...rest },
  ref,
) {
  const { colors, radius } = useTheme();
  return (
    <View style={styles.wrap}>
      <Text variant="label">{label}</Text>
      <TextInput
        ref={ref}
        accessibilityLabel={label}
        accessibilityHint={error ?? help}
        aria-invalid={error ? true : undefined}
        placeholderTextColor={colors.muted}
        multiline={multiline}
        style={[
          styles.input,
          multiline && styles.multiline,
          {
            color: colors.text,
            backgroundColor: colors.surface,
            borderColor: error ? colors.danger : colors.border,
            borderRadius: radius.md,
          },
          style,
        ]}
        {...rest}
      />
      {error ? (
        <Text variant="caption" tone="danger" accessibilityLiveRegion="polite">
          {error}
        </Text>
      ) : help ? (
        <Text variant="caption" tone="muted">
          {help}
        </Text>
      ) : null}
    </View>
  );
});

const styles = StyleSheet.create({
  wrap: { gap: 6 },
  input: {
    minHeight: 48,
    borderWidth: 1,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 16,
  },
  multiline: { minHeight: 96, textAlignVertical: 'top' },
});

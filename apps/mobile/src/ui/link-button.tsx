import { Pressable } from 'react-native';
import { Text } from './text';

/** A text-only control that navigates or reveals; a real button for assistive technology. */
export function LinkButton({
  label,
  onPress,
  hint,
}: {
  label: string;
  onPress: () => void;
  hint?: string;
}) {
  return (
    <Pressable
      accessibilityRole="link"
      accessibilityLabel={label}
      accessibilityHint={hint}
      onPress={onPress}
      hitSlop={8}
      style={{ minHeight: 44, justifyContent: 'center' }}
    >
      <Text variant="label" tone="primary" style={{ textDecorationLine: 'underline' }}>
        {label}
      </Text>
    </Pressable>
  );
}

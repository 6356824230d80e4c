import { Pressable, StyleSheet, View } from 'react-native';
import { useTheme } from '../../theme/use-theme';
import { Text } from '../../ui';

/** A row of mutually exclusive choices; each is a radio button named "<group>: <choice>". */
export function ChoiceChips<T extends string>({
  group,
  options,
  value,
  onChange,
  disabled,
}: {
  group: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  disabled?: boolean;
}) {
  const { colors, radius } = useTheme();
  return (
    <View style={styles.wrap} accessibilityRole="radiogroup" accessibilityLabel={group}>
      <Text variant="label">{group}</Text>
      <View style={styles.row}>
        {options.map((o) => {
          const selected = o.value === value;
          return (
            <Pressable
              key={o.value}
              accessibilityRole="radio"
              accessibilityLabel={`${group}: ${o.label}`}
              aria-checked={selected}
              aria-disabled={!!disabled}
              disabled={disabled}
              onPress={() => onChange(o.value)}
              style={[
                styles.chip,
                {
                  borderRadius: radius.pill,
                  borderColor: selected ? colors.primary : colors.border,
                  backgroundColor: selected ? colors.primary : colors.surface,
                },
              ]}
            >
              <Text variant="caption" tone={selected ? 'onPrimary' : 'default'}>
                {o.label}
              </Text>
            </Pressable>
          );
        })}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: 6 },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 6 },
  chip: {
    minHeight: 36,
    paddingHorizontal: 12,
    paddingVertical: 6,
    borderWidth: 1,
    justifyContent: 'center',
  },
});

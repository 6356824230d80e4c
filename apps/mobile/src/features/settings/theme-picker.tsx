import { Pressable, StyleSheet, View } from 'react-native';
import { type ThemePreference, usePreferences } from '../../stores/preferences-store';
import { useTheme } from '../../theme/use-theme';
import { Card, Text } from '../../ui';

const OPTIONS: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Same as this device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemePicker() {
  const theme = usePreferences((s) => s.theme);
  const { colors, radius } = useTheme();
  return (
    <Card>
      <Text variant="heading">Appearance</Text>
      <View accessibilityRole="radiogroup" accessibilityLabel="Theme" style={styles.row}>
        {OPTIONS.map((o) => {
          const selected = theme === o.value;
          return (
            <Pressable
              key={o.value}
              accessibilityRole="radio"
              accessibilityLabel={o.label}
              aria-checked={selected}
              onPress={() => usePreferences.getState().set({ theme: o.value })}
              style={[
                styles.option,
                {
                  borderRadius: radius.md,
                  borderColor: selected ? colors.primary : colors.border,
                  backgroundColor: selected ? colors.surfaceAlt : colors.surface,
                  borderWidth: selected ? 2 : 1,
                },
              ]}
            >
              <Text variant="label" tone={selected ? 'primary' : 'default'}>
                {selected ? '● ' : '○ '}
                {o.label}
              </Text>
            </Pressable>
          );
        })}
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  option: { minHeight: 44, paddingHorizontal: 12, justifyContent: 'center', flexGrow: 1 },
});

import { StyleSheet, View, type ViewProps } from 'react-native';
import { useTheme } from '../theme/use-theme';

export function Card({ style, ...rest }: ViewProps) {
  const { colors, radius } = useTheme();
  return (
    <View
      {...rest}
      style={[
        styles.card,
        { backgroundColor: colors.surface, borderColor: colors.border, borderRadius: radius.lg },
        style,
      ]}
    />
  );
}

const styles = StyleSheet.create({
  card: { borderWidth: StyleSheet.hairlineWidth, padding: 16, gap: 8 },
});

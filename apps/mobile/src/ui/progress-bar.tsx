import { StyleSheet, View } from 'react-native';
import { useTheme } from '../theme/use-theme';

/** A horizontal bar for a share from 0 to 1; `label` is what a screen reader says. */
export function ProgressBar({
  value,
  label,
  color,
}: {
  value: number;
  label: string;
  color?: string;
}) {
  const { colors, radius } = useTheme();
  const share = Math.max(0, Math.min(1, value));
  return (
    <View
      accessibilityRole="progressbar"
      accessibilityLabel={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(share * 100)}
      style={[styles.track, { backgroundColor: colors.surfaceAlt, borderRadius: radius.pill }]}
    >
      <View
        style={[
          styles.fill,
          {
            width: `${share * 100}%`,
            backgroundColor: color ?? colors.primary,
            borderRadius: radius.pill,
          },
        ]}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  track: { height: 10, width: '100%', overflow: 'hidden' },
  fill: { height: '100%' },
});

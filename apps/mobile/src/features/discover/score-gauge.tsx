import { StyleSheet, View } from 'react-native';
import Svg, { Circle } from 'react-native-svg';
import { useTheme } from '../../theme/use-theme';
import { Text } from '../../ui';
import { scoreWord } from './labels';

const SIZE = 84;
const STROKE = 9;
const R = (SIZE - STROKE) / 2;
const CIRCUMFERENCE = 2 * Math.PI * R;

/** The share of the ring a score fills, 0–1 (null: empty). */
export function gaugeShare(score: number | null): number {
  if (score === null || Number.isNaN(score)) return 0;
  return Math.max(0, Math.min(100, score)) / 100;
}

/** One category's score as a drawn ring, with the number and its label in text. */
export function ScoreGauge({ label, score }: { label: string; score: number | null }) {
  const { colors } = useTheme();
  const rounded = score === null ? null : Math.round(score);
  const tone =
    rounded === null
      ? colors.muted
      : rounded >= 90
        ? colors.success
        : rounded >= 50
          ? colors.warning
          : colors.danger;
  const share = gaugeShare(rounded);
  const spoken =
    rounded === null
      ? `${label}: not measured`
      : `${label}: ${rounded} out of 100, ${scoreWord(rounded)}`;
  return (
    <View style={styles.wrap} accessible accessibilityRole="image" accessibilityLabel={spoken}>
      <View style={styles.ring}>
        <Svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`}>
          <Circle
            cx={SIZE / 2}
            cy={SIZE / 2}
            r={R}
            stroke={colors.surfaceAlt}
            strokeWidth={STROKE}
            fill="none"
          />
          {share > 0 ? (
            <Circle
              cx={SIZE / 2}
              cy={SIZE / 2}
              r={R}
              stroke={tone}
              strokeWidth={STROKE}
              fill="none"
              strokeLinecap="round"
              strokeDasharray={`${CIRCUMFERENCE * share} ${CIRCUMFERENCE}`}
              transform={`rotate(-90 ${SIZE / 2} ${SIZE / 2})`}
            />
          ) : null}
        </Svg>
        <View style={styles.center} pointerEvents="none">
          <Text variant="heading">{rounded === null ? '–' : rounded}</Text>
        </View>
      </View>
      <Text variant="caption" style={styles.label}>
        {label}
      </Text>
      <Text variant="caption" tone="muted">
        {scoreWord(rounded)}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { alignItems: 'center', width: 104, gap: 2 },
  ring: { width: SIZE, height: SIZE },
  center: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    bottom: 0,
    alignItems: 'center',
    justifyContent: 'center',
  },
  label: { textAlign: 'center' },
});

import type { ProgressResponse, RingState } from '@quento/contracts';
import { StyleSheet, View } from 'react-native';
import Svg, { Circle, G } from 'react-native-svg';
import { useTheme } from '../../theme/use-theme';
import { Card, Text } from '../../ui';

const STATE_TEXT: Record<RingState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
};

const SIZE = 200;

const sentence = (s: string) => (s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}.` : s);
const STROKE = 14;
const GAP = 5;

/**
 * Five concentric rings, ring 1 outermost, each filled as far as it is done; the legend beside it
 * says the same in words, so nothing depends on colour and screen readers read the legend.
 */
export function RingChart({ progress }: { progress: ProgressResponse }) {
  const { colors } = useTheme();
  const center = SIZE / 2;
  return (
    <Card>
      <Text variant="heading">Where you stand</Text>
      <View style={styles.body}>
        {/* Drawn from 12 o'clock: the whole drawing is turned, not each arc. */}
        <View style={styles.turned} aria-hidden>
          <Svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`}>
            <G>
              {progress.rings.map((ring, i) => {
                const r = center - STROKE / 2 - i * (STROKE + GAP);
                const length = 2 * Math.PI * r;
                const share = ring.state === 'completed' ? 1 : ring.progress;
                const color = colors.rings[i] ?? colors.primary;
                return (
                  <G key={ring.key}>
                    <Circle
                      cx={center}
                      cy={center}
                      r={r}
                      stroke={colors.surfaceAlt}
                      strokeWidth={STROKE}
                      fill="none"
                    />
                    {share > 0 ? (
                      <Circle
                        cx={center}
                        cy={center}
                        r={r}
                        stroke={color}
                        strokeWidth={STROKE}
                        strokeLinecap="round"
                        strokeDasharray={`${length * share} ${length}`}
                        fill="none"
                      />
                    ) : null}
                  </G>
                );
              })}
            </G>
          </Svg>
        </View>
        <View style={styles.legend} role="list">
          {progress.rings.map((ring, i) => (
            <View
              key={ring.key}
              role="listitem"
              style={styles.item}
              accessible
              accessibilityLabel={`Ring ${ring.ring}, ${ring.title}: ${STATE_TEXT[ring.state]}, ${Math.round(
                ring.progress * 100,
              )} percent. ${sentence(ring.detail)}`}
            >
              <View
                style={[styles.swatch, { backgroundColor: colors.rings[i] ?? colors.primary }]}
              />
              <View style={styles.grow}>
                <Text variant="label">
                  {ring.ring}. {ring.title}
                  {progress.current_ring === ring.ring && ring.state !== 'completed'
                    ? ' · now'
                    : ''}
                </Text>
                <Text
                  variant="caption"
                  tone={
                    ring.state === 'completed'
                      ? 'success'
                      : ring.state === 'in_progress'
                        ? 'primary'
                        : 'muted'
                  }
                >
                  {STATE_TEXT[ring.state]} · {Math.round(ring.progress * 100)}%
                </Text>
                <Text variant="caption" tone="muted">
                  {sentence(ring.detail)}
                </Text>
              </View>
            </View>
          ))}
        </View>
      </View>
    </Card>
  );
}

const styles = StyleSheet.create({
  body: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    gap: 16,
    alignItems: 'center',
    justifyContent: 'center',
  },
  turned: { transform: [{ rotate: '-90deg' }] },
  legend: { flexGrow: 1, flexBasis: 240, gap: 10 },
  item: { flexDirection: 'row', gap: 10, alignItems: 'flex-start' },
  swatch: { width: 14, height: 14, borderRadius: 7, marginTop: 3 },
  grow: { flex: 1, gap: 1 },
});

import type { PriorityMatrix } from '@quento/contracts';
import { Pressable, StyleSheet, View } from 'react-native';
import Svg, { Line, Polygon } from 'react-native-svg';
import { useTheme } from '../../theme/use-theme';
import { Text } from '../../ui';
import { QUADRANTS } from './labels';
import { matrixLayout } from './matrix-layout';

/** The impact x effort matrix drawn as a 2x2, each entry a link to its recommendation. */
export function PriorityMatrixView({
  matrix,
  onOpen,
}: {
  matrix: PriorityMatrix;
  onOpen: (recommendationId: string) => void;
}) {
  const { colors, radius } = useTheme();
  const cells = matrixLayout(matrix);
  const tint = {
    quick_wins: colors.success,
    major_projects: colors.info,
    fill_ins: colors.warning,
    thankless_tasks: colors.muted,
  } as const;
  return (
    <View style={styles.wrap}>
      <Text variant="caption" tone="muted">
        ↑ Bigger impact
      </Text>
      <View style={styles.frame}>
        <View style={styles.yAxis} aria-hidden>
          <Svg width={16} height="100%" viewBox="0 0 16 100" preserveAspectRatio="none">
            <Line x1={8} y1={4} x2={8} y2={100} stroke={colors.muted} strokeWidth={2} />
            <Polygon points="2,8 8,0 14,8" fill={colors.muted} />
          </Svg>
        </View>
        <View style={styles.grid}>
          {[0, 1].map((row) => (
            <View key={row} style={styles.gridRow}>
              {cells
                .filter((c) => c.row === row)
                .map((c) => {
                  const q = QUADRANTS[c.quadrant];
                  return (
                    <View
                      key={c.quadrant}
                      testID={`quadrant-${c.quadrant}`}
                      accessibilityRole="summary"
                      accessibilityLabel={`${q.name}: ${q.meaning} ${c.entries.length} ${c.entries.length === 1 ? 'recommendation' : 'recommendations'}.`}
                      style={[
                        styles.cell,
                        {
                          borderColor: tint[c.quadrant],
                          backgroundColor: colors.surface,
                          borderRadius: radius.md,
                        },
                      ]}
                    >
                      <Text
                        variant="label"
                        style={{
                          color: tint[c.quadrant] === colors.muted ? colors.text : tint[c.quadrant],
                        }}
                      >
                        {q.name}
                      </Text>
                      <Text variant="caption" tone="muted">
                        {q.meaning}
                      </Text>
                      {c.entries.length === 0 ? (
                        <Text variant="caption" tone="muted">
                          Nothing here.
                        </Text>
                      ) : (
                        c.entries.map((e) => (
                          <Pressable
                            key={e.recommendation_id}
                            accessibilityRole="link"
                            accessibilityLabel={`${e.title}, in ${q.name}`}
                            onPress={() => onOpen(e.recommendation_id)}
                            style={styles.entry}
                          >
                            <Text variant="caption" tone="primary" style={styles.entryText}>
                              • {e.title}
                            </Text>
                          </Pressable>
                        ))
                      )}
                    </View>
                  );
                })}
            </View>
          ))}
        </View>
      </View>
      <View style={styles.xAxis}>
        <Text variant="caption" tone="muted">
          Less effort
        </Text>
        <Text variant="caption" tone="muted">
          Effort →
        </Text>
        <Text variant="caption" tone="muted">
          More effort
        </Text>
      </View>
      <Text variant="caption" tone="muted">
        Up: bigger impact. Right: more effort.
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: 6 },
  frame: { flexDirection: 'row', gap: 4 },
  yAxis: { width: 16 },
  grid: { flex: 1, gap: 6 },
  gridRow: { flexDirection: 'row', gap: 6 },
  cell: { flex: 1, borderWidth: 2, padding: 8, gap: 4, minHeight: 120 },
  entry: { minHeight: 32, justifyContent: 'center' },
  entryText: { textDecorationLine: 'underline' },
  xAxis: { flexDirection: 'row', justifyContent: 'space-between', paddingLeft: 20 },
});

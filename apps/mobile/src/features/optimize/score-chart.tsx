import { useState } from 'react';
import { type LayoutChangeEvent, View } from 'react-native';
import Svg, { Circle, Line, Path, Text as SvgText } from 'react-native-svg';
import { useTheme } from '../../theme/use-theme';
import { Text } from '../../ui';
import { type ChartBox, linePath, scalePoints, Y_TICKS, yOf } from './chart-scale';

export interface ChartRow {
  /** Short date label for the x axis. */
  label: string;
  value: number | null;
}

const HEIGHT = 200;

/** Scores over time as a drawn line with axes and points; screen readers get the table instead. */
export function ScoreChart({ rows, seriesLabel }: { rows: ChartRow[]; seriesLabel: string }) {
  const { colors } = useTheme();
  const [width, setWidth] = useState(320);
  const box: ChartBox = { width, height: HEIGHT, left: 34, right: 10, top: 12, bottom: 28 };
  const points = scalePoints(
    rows.map((r) => r.value),
    box,
  );
  const onLayout = (e: LayoutChangeEvent) => setWidth(Math.max(200, e.nativeEvent.layout.width));
  // Label at most ~5 dates so they never overlap.
  const every = Math.max(1, Math.ceil(rows.length / 5));
  return (
    <View onLayout={onLayout} aria-hidden>
      <Svg width={width} height={HEIGHT}>
        {Y_TICKS.map((t) => (
          <Line
            key={`g${t}`}
            x1={box.left}
            x2={width - box.right}
            y1={yOf(t, box)}
            y2={yOf(t, box)}
            stroke={colors.border}
            strokeWidth={1}
          />
        ))}
        {Y_TICKS.map((t) => (
          <SvgText
            key={`l${t}`}
            x={box.left - 6}
            y={yOf(t, box) + 4}
            fontSize={11}
            fill={colors.muted}
            textAnchor="end"
          >
            {t}
          </SvgText>
        ))}
        {points.length > 1 ? (
          <Path d={linePath(points)} stroke={colors.primary} strokeWidth={3} fill="none" />
        ) : null}
        {points.map((p) => (
          <Circle
            key={p.index}
            cx={p.x}
            cy={p.y}
            r={5}
            fill={colors.primary}
            stroke={colors.surface}
            strokeWidth={2}
          />
        ))}
        {points.map((p) =>
          p.index % every === 0 || p.index === rows.length - 1 ? (
            <SvgText
              key={`x${p.index}`}
              x={p.x}
              y={HEIGHT - 8}
              fontSize={11}
              fill={colors.muted}
              textAnchor={
                points.length === 1
                  ? 'middle'
                  : p.index === 0
                    ? 'start'
                    : p.index === rows.length - 1
                      ? 'end'
                      : 'middle'
              }
            >
              {rows[p.index]?.label}
            </SvgText>
          ) : null,
        )}
      </Svg>
      <Text variant="caption" tone="muted">
        {seriesLabel} score (0–100) after each analysis
      </Text>
    </View>
  );
}

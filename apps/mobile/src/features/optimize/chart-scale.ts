export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartPoint {
  x: number;
  y: number;
  value: number;
  index: number;
}

/** Scores run from 0 to 100; gridlines at these values. */
export const Y_TICKS = [0, 25, 50, 75, 100];

/** The y of a score inside the box: 100 at the top edge of the plot, 0 at its bottom edge. */
export function yOf(value: number, box: ChartBox): number {
  const v = Math.max(0, Math.min(100, value));
  const plot = box.height - box.top - box.bottom;
  return box.top + plot * (1 - v / 100);
}

/** The x of the i-th of n points, evenly spaced; a single point sits in the middle. */
export function xOf(index: number, count: number, box: ChartBox): number {
  const plot = box.width - box.left - box.right;
  if (count <= 1) return box.left + plot / 2;
  return box.left + (plot * index) / (count - 1);
}

/** Points for the values that exist; gaps (null) are skipped, not drawn as zero. */
export function scalePoints(values: (number | null)[], box: ChartBox): ChartPoint[] {
  return values.flatMap((value, index) =>
    value === null ? [] : [{ x: xOf(index, values.length, box), y: yOf(value, box), value, index }],
  );
}

/** An SVG path through the points in order. */
export function linePath(points: ChartPoint[]): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`)
    .join(' ');
}

import type { PriorityMatrix, Quadrant } from '@quento/contracts';

type Entry = PriorityMatrix[Quadrant][number];

export interface MatrixCell {
  quadrant: Quadrant;
  /** 0: the top row (bigger impact), 1: the bottom row. */
  row: 0 | 1;
  /** 0: the left column (less effort), 1: the right column. */
  col: 0 | 1;
  entries: Entry[];
}

/** Where each quadrant sits on the drawn grid: impact up, effort to the right. */
const POSITION: Record<Quadrant, { row: 0 | 1; col: 0 | 1 }> = {
  quick_wins: { row: 0, col: 0 },
  major_projects: { row: 0, col: 1 },
  fill_ins: { row: 1, col: 0 },
  thankless_tasks: { row: 1, col: 1 },
};

const PRIORITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** The four cells in reading order (top-left first), each with its entries by priority. */
export function matrixLayout(matrix: PriorityMatrix): MatrixCell[] {
  return (Object.keys(POSITION) as Quadrant[])
    .map((quadrant) => ({
      quadrant,
      ...POSITION[quadrant],
      entries: [...matrix[quadrant]].sort(
        (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority],
      ),
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
}

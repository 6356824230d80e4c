import type { Level, Priority, Quadrant } from '@quento/contracts';

const WEIGHT: Record<Level, number> = { low: 1, medium: 2, high: 3 };

/** Priority from impact over effort: high impact for low effort comes first. */
export function priorityOf(impact: Level, effort: Level): Priority {
  const ratio = WEIGHT[impact] / WEIGHT[effort];
  if (ratio >= 3) return 'critical';
  if (ratio >= 1.5) return 'high';
  if (ratio >= 1) return 'medium';
  return 'low';
}

export const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The impact x effort matrix: medium impact counts as high, medium effort as low. */
export function quadrantOf(impact: Level, effort: Level): Quadrant {
  const bigImpact = impact !== 'low';
  const bigEffort = effort === 'high';
  if (bigImpact && !bigEffort) return 'quick_wins';
  if (bigImpact && bigEffort) return 'major_projects';
  if (!bigEffort) return 'fill_ins';
  return 'thankless_tasks';
}

export function levelWeight(level: Level): number {
  return WEIGHT[level];
}

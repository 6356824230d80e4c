import type { Level, Priority, Quadrant } from '@quento/contracts';

const WEIGHT: Record<Level, number> = { low: 1, medium: 2, high: 3 };

export function levelWeight(level: Level): number {
  return WEIGHT[level];
}

/**
 * The one priority formula: impact x reach / effort. Impact and effort weigh 1 (low), 2 (medium)
 * or 3 (high); reach is the share of the site the findings touch, 0 to 1, each page weighted by
 * its importance (pageImportance). So a score runs from about 0 to 3: 3 is a high-impact, low-effort
 * fix that touches every page that matters.
 */
export function priorityScore(impact: Level, reach: number, effort: Level): number {
  return (WEIGHT[impact] * Math.min(1, Math.max(0, reach))) / WEIGHT[effort];
}

/**
 * How much a page counts towards reach: the home page and pages tied to one of the owner's goals
 * 3, pages on the way to contact (contact, booking, order) 2, any other page 1.
 */
export function pageImportance(page: { home: boolean; goal: boolean; contact: boolean }): number {
  if (page.home || page.goal) return 3;
  return page.contact ? 2 : 1;
}

/** Score bands: at least HIGH_MIN is high, at least MEDIUM_MIN medium, below it low. */
export const HIGH_MIN = 1.5;
export const MEDIUM_MIN = 0.5;

/**
 * Priority from the score. `critical` is kept for what blocks indexing or a customer's way to
 * contact (the advice's `blocks`), and only when it reaches far enough to matter (MEDIUM_MIN).
 */
export function priorityBand(score: number, blocks = false): Priority {
  if (blocks && score >= MEDIUM_MIN) return 'critical';
  if (score >= HIGH_MIN) return 'high';
  if (score >= MEDIUM_MIN) return 'medium';
  return 'low';
}

/** Priority of a fix that applies to the whole site (reach 1) and blocks nothing. */
export function priorityOf(impact: Level, effort: Level): Priority {
  return priorityBand(priorityScore(impact, 1, effort));
}

/**
 * At most a third of a plan (and at least one item) is high or critical: past that, the lowest
 * scoring high items become medium. Critical items are never demoted. `items` must be sorted, most
 * urgent first.
 */
export function capUrgent<T extends { priority: Priority }>(items: T[]): T[] {
  const allowed = Math.max(1, Math.floor(items.length / 3));
  let urgent = items.filter((i) => i.priority === 'critical').length;
  return items.map((item) => {
    if (item.priority !== 'high') return item;
    if (urgent < allowed) {
      urgent += 1;
      return item;
    }
    return { ...item, priority: 'medium' };
  });
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

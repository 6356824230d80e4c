import type { Level, Priority, Quadrant } from '@quento/contracts';
import { humanize } from '../discover/labels';

export const PRIORITY_WORDS: Record<Priority, string> = {
  critical: 'Do this first',
  high: 'High priority',
  medium: 'Medium priority',
  low: 'Low priority',
};

export const IMPACT_WORDS: Record<Level, string> = {
  high: 'Big impact',
  medium: 'Some impact',
  low: 'Small impact',
};

export const EFFORT_WORDS: Record<Level, string> = {
  low: 'Little effort',
  medium: 'Some effort',
  high: 'A lot of effort',
};

const CATEGORY_WORDS: Record<string, string> = {
  seo: 'Search visibility',
  content: 'Content',
  technical: 'Technical health',
  social: 'Social presence',
  local: 'Local search',
  conversion: 'Turning visitors into customers',
  performance: 'Speed',
};

/** A recommendation or action category in words (unknown ones are made readable). */
export function categoryWords(key: string | null | undefined): string {
  if (!key) return 'General';
  return CATEGORY_WORDS[key] ?? humanize(key);
}

/** "High priority · Big impact · Little effort": the three levels in one line. */
export function levelsLine(p: {
  priority?: string | null;
  impact?: string | null;
  effort?: string | null;
}): string {
  return [
    p.priority ? (PRIORITY_WORDS[p.priority as Priority] ?? humanize(p.priority)) : null,
    p.impact ? (IMPACT_WORDS[p.impact as Level] ?? humanize(p.impact)) : null,
    p.effort ? (EFFORT_WORDS[p.effort as Level] ?? humanize(p.effort)) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export const QUADRANTS: Record<Quadrant, { name: string; meaning: string }> = {
  quick_wins: { name: 'Quick wins', meaning: 'Big impact for little effort: start here.' },
  major_projects: {
    name: 'Major projects',
    meaning: 'Big impact, but they take real work: plan them in.',
  },
  fill_ins: { name: 'Fill-ins', meaning: 'Small gains for little effort: do them when you can.' },
  thankless_tasks: {
    name: 'Thankless tasks',
    meaning: 'A lot of work for a small gain: leave them for last.',
  },
};

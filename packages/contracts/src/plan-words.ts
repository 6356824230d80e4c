import type { ActionStatus, Level, Priority, VerificationStatus } from './strategy.ts';
import { humanize } from './words.ts';

/** The score categories, in the order people see them, with their names in words. */
export const SCORE_CATEGORIES = [
  { key: 'overall', label: 'Overall' },
  { key: 'seo', label: 'Search visibility (SEO)' },
  { key: 'content', label: 'Content' },
  { key: 'performance', label: 'Speed' },
  { key: 'social', label: 'Social presence' },
  { key: 'technical', label: 'Technical health' },
] as const;
export type ScoreKey = (typeof SCORE_CATEGORIES)[number]['key'];

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

export const STATUS_WORDS: Record<ActionStatus, string> = {
  pending: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
};

export const VERIFICATION_WORDS: Record<VerificationStatus, string> = {
  unverified: 'Not checked yet',
  verified: 'Verified',
  flagged: 'Flagged',
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

const word = (table: Record<string, string>, key: string) => table[key] ?? humanize(key);

/** A recommendation or action category in words (unknown ones are made readable). */
export function categoryWords(key: string | null | undefined): string {
  return key ? word(CATEGORY_WORDS, key) : 'General';
}

/** An action's status in words. */
export function statusWords(status: string): string {
  return word(STATUS_WORDS, status);
}

/** "High priority · Big impact · Little effort": the three levels in one line. */
export function levelsLine(p: {
  priority?: string | null;
  impact?: string | null;
  effort?: string | null;
}): string {
  return [
    p.priority ? word(PRIORITY_WORDS, p.priority) : null,
    p.impact ? word(IMPACT_WORDS, p.impact) : null,
    p.effort ? word(EFFORT_WORDS, p.effort) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

import { type FindingCategory, humanize, SCORE_CATEGORIES } from '@quento/contracts';

// The words every screen and export shares live in contracts; screens import them from here.
export { humanize, SCORE_CATEGORIES, type ScoreKey } from '@quento/contracts';

const CATEGORY_LABELS: Record<string, string> = Object.fromEntries(
  SCORE_CATEGORIES.map((c) => [c.key, c.label]),
);

/** A score category's name in words; unknown keys become readable text instead of raw keys. */
export function categoryLabel(key: string): string {
  return CATEGORY_LABELS[key] ?? humanize(key);
}

export const FINDING_CATEGORY_ORDER: FindingCategory[] = [
  'seo',
  'content',
  'performance',
  'social',
  'technical',
];

export const SEVERITY_LABELS = {
  high: 'Serious',
  medium: 'Worth fixing',
  low: 'Minor',
} as const;

/** A score of 0–100 in words, so colour is never the only signal. */
export function scoreWord(score: number | null): string {
  if (score === null) return 'not measured';
  if (score >= 90) return 'good';
  if (score >= 50) return 'needs work';
  return 'poor';
}

/** The analyzer's progress steps in the owner's words. */
export function stepLabel(step: string | null): string {
  if (!step) return 'Waiting to start';
  const competitor = /^competitor (\d+) of (\d+)$/.exec(step);
  if (competitor) return `Checking competitor ${competitor[1]} of ${competitor[2]}`;
  switch (step) {
    case 'starting':
      return 'Getting ready';
    case 'crawling':
      return 'Reading your pages';
    case 'third-party data':
      return 'Collecting search data from other services';
    case 'comparing':
      return 'Comparing with your earlier results';
    default:
      return step.charAt(0).toUpperCase() + step.slice(1);
  }
}

/** "12 Dec 2026, 14:05" in the device's locale. */
export function formatWhen(iso: string | null): string {
  if (!iso) return 'not yet';
  const d = new Date(iso);
  return d.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A URL without its scheme and trailing slash, for cards. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

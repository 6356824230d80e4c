import { type CategoryId, CONFIG } from '@quento/analyzer/catalogue';
import type { ExternalLike } from './external.ts';

/** Category scores 0-100 and the overall score, as the analyzer reports them. */
export type ScoreMap = Partial<Record<CategoryId | 'overall', number | null>>;

/**
 * How much third-party figures weigh in a category when present: PageSpeed's lab performance
 * score is half of `performance` (it renders the page on a throttled phone, which a crawl cannot),
 * Moz Domain Authority a fifth of `seo` (links from other sites, which a crawl cannot see).
 */
export const EXTERNAL_WEIGHTS = {
  performance: { provider: 'pagespeed', metric: 'performance_score', share: 0.5 },
  seo: { provider: 'moz', metric: 'domain_authority', share: 0.2 },
} as const;

const CATEGORIES = Object.keys(CONFIG.categories) as CategoryId[];

/**
 * The analysis's scores with PageSpeed and Moz figures blended in (EXTERNAL_WEIGHTS), and the
 * overall score recomputed with the analyzer's category weights. Without third-party data the
 * scores are returned as they are.
 */
export function blendScores(scores: ScoreMap, external: readonly ExternalLike[] = []): ScoreMap {
  const out: ScoreMap = { ...scores };
  let changed = false;
  for (const [category, w] of Object.entries(EXTERNAL_WEIGHTS) as [
    keyof typeof EXTERNAL_WEIGHTS,
    (typeof EXTERNAL_WEIGHTS)[keyof typeof EXTERNAL_WEIGHTS],
  ][]) {
    const v = external.find((e) => e.provider === w.provider)?.metrics[w.metric];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const theirs = Math.min(100, Math.max(0, v));
    const ours = scores[category];
    out[category] = Math.round(
      typeof ours === 'number' ? ours * (1 - w.share) + theirs * w.share : theirs,
    );
    changed = true;
  }
  if (!changed) return out;
  let total = 0;
  let weights = 0;
  for (const c of CATEGORIES) {
    const s = out[c];
    if (typeof s !== 'number') continue;
    total += s * CONFIG.categories[c].weight;
    weights += CONFIG.categories[c].weight;
  }
  out.overall = weights === 0 ? null : Math.round(total / weights);
  return out;
}

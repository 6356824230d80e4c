import type { AuditResult } from './audits/audit.ts';
import { type CategoryId, CONFIG } from './config.ts';

export type Scores = Record<CategoryId | 'overall', number | null>;

/**
 * One score per audit for the whole site: a site audit's own score, or the mean of a page audit's
 * applicable page scores.
 */
export function siteAuditScores(
  pages: readonly { audits: Record<string, AuditResult> }[],
  siteAudits: Record<string, AuditResult>,
): Map<string, number | null> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const page of pages) {
    for (const [id, r] of Object.entries(page.audits)) {
      const s = sums.get(id) ?? { sum: 0, n: 0 };
      if (r.score !== null) {
        s.sum += r.score;
        s.n++;
      }
      sums.set(id, s);
    }
  }
  const out = new Map<string, number | null>();
  for (const [id, { sum, n }] of sums) out.set(id, n === 0 ? null : sum / n);
  for (const [id, r] of Object.entries(siteAudits)) out.set(id, r.score);
  return out;
}

/** Weighted mean; entries with a null score or zero weight weigh nothing. Null when none count. */
function weightedMean(entries: { score: number | null; weight: number }[]): number | null {
  let total = 0;
  let weights = 0;
  for (const { score, weight } of entries) {
    if (score === null || weight <= 0) continue;
    total += score * weight;
    weights += weight;
  }
  return weights === 0 ? null : total / weights;
}

/** Category scores 0-100 and the overall score, from per-audit site scores. */
export function computeScores(auditScores: Map<string, number | null>): Scores {
  const scores: Partial<Scores> = {};
  const cats: { score: number | null; weight: number }[] = [];
  for (const [id, cat] of Object.entries(CONFIG.categories) as [
    CategoryId,
    (typeof CONFIG.categories)[CategoryId],
  ][]) {
    const mean = weightedMean(
      cat.auditRefs.map((ref) => ({ score: auditScores.get(ref.id) ?? null, weight: ref.weight })),
    );
    scores[id] = mean === null ? null : Math.round(mean * 100);
    cats.push({ score: mean, weight: cat.weight });
  }
  const overall = weightedMean(cats);
  scores.overall = overall === null ? null : Math.round(overall * 100);
  return scores as Scores;
}

/** What one audit costs a category: the points (of 100) it takes off the category's score. */
export interface PointsLost {
  auditId: string;
  points: number;
}

/**
 * Where a category's missing points go, largest first: each applicable audit below 1 costs
 * `weight x (1 - score) / applicable weight x 100`, so the losses add up to 100 minus the score
 * (before rounding). Not-applicable audits cost nothing.
 */
export function pointsLost(
  auditScores: Readonly<Record<string, number | null | undefined>>,
  category: CategoryId,
): PointsLost[] {
  const refs = CONFIG.categories[category].auditRefs.filter((ref) => {
    const s = auditScores[ref.id];
    return typeof s === 'number' && ref.weight > 0;
  });
  const weights = refs.reduce((sum, ref) => sum + ref.weight, 0);
  if (weights === 0) return [];
  return refs
    .map((ref) => ({
      auditId: ref.id,
      points: (ref.weight * (1 - (auditScores[ref.id] as number)) * 100) / weights,
    }))
    .filter((l) => l.points > 0)
    .sort((a, b) => b.points - a.points);
}

/**
 * The owner's facts for the advisor past ring 1 (see ai/advice): the latest analysis and the one
 * before it on the same site, where its scores lose points, the latest plan and its actions.
 * Loaded only when a question needs them.
 */
import { pointsLost } from '@quento/analyzer';
import { Recommendation } from '@quento/contracts';
import { z } from 'zod';
import {
  type AdviceAction,
  type AdviceRecommendation,
  type BusinessProfile,
  normalizeProfile,
  type OwnerFacts,
  SCORE_CATEGORIES,
  type ScoreLoss,
  type ScoreSnapshot,
} from '../../ai/index.ts';
import { findingsOf } from '../analysis/analysis.findings.ts';
import type { AnalysisRepository, AnalysisRow } from '../analysis/analysis.repository.ts';
import type { StrategyRepository } from '../strategy/strategy.repository.ts';
import type { ChatRepository } from './chat.repository.ts';

export interface FactsDeps {
  repo: ChatRepository;
  analyses: AnalysisRepository;
  strategies: StrategyRepository;
}

/** A stored recommendation as the advisor reads it; `goal` when the plan ties it to one. */
const StoredRecommendation = Recommendation.pick({
  id: true,
  title: true,
  description: true,
  rationale: true,
  category: true,
  impact: true,
  effort: true,
  priority: true,
}).extend({
  goal: z.string().nullish(),
  evidence: z.array(z.object({ pages: z.array(z.string()) })).default([]),
});

const StoredScores = z.object({
  scores: z.record(z.string(), z.number().nullable()).default({}),
});

function snapshot(row: AnalysisRow): ScoreSnapshot {
  const parsed = StoredScores.safeParse(row.summary ?? {});
  return {
    analysisId: row.id,
    url: row.websiteUrl ?? '',
    completedAt: row.completedAt?.toISOString() ?? null,
    scores: parsed.success ? parsed.data.scores : {},
  };
}

/** Every category's missing points in the latest analysis, named as the owner reads them. */
function lossesOf(row: AnalysisRow): ScoreLoss[] {
  // The repository parsed the stored report (contracts' StoredReport) when it read the row.
  const report = row.results;
  if (!report?.auditScores) return [];
  const auditScores = report.auditScores;
  const findings = new Map(findingsOf(report).map((f) => [f.audit_id, f]));
  return SCORE_CATEGORIES.flatMap((category) =>
    pointsLost(auditScores, category).flatMap((loss) => {
      const finding = findings.get(loss.auditId);
      if (!finding) return [];
      return [
        {
          category,
          auditId: loss.auditId,
          title: finding.title,
          points: loss.points,
          fix: finding.fix || null,
          pages: finding.pages,
        },
      ];
    }),
  );
}

function recommendationsOf(stored: unknown): AdviceRecommendation[] {
  const list = Array.isArray(stored) ? stored : [];
  return list.flatMap((item) => {
    const r = StoredRecommendation.safeParse(item);
    if (!r.success) return [];
    const { evidence, goal, ...rest } = r.data;
    return [{ ...rest, goal: goal ?? null, pages: [...new Set(evidence.flatMap((e) => e.pages))] }];
  });
}

const STATUSES = ['pending', 'in_progress', 'done', 'skipped'] as const;
const VERIFICATIONS = ['unverified', 'verified', 'flagged'] as const;
const oneOf = <T extends string>(all: readonly T[], v: string | null, fallback: T): T =>
  (all as readonly string[]).includes(v ?? '') ? (v as T) : fallback;

/** Loads the owner's facts: four reads, at most two of them at a time. */
export async function loadOwnerFacts(
  deps: FactsDeps,
  userId: string,
  profile: BusinessProfile | null,
): Promise<OwnerFacts> {
  const [latestRow, strategy] = await Promise.all([
    deps.repo.latestAnalysis(userId),
    deps.repo.latestStrategy(userId),
  ]);
  const [full, actions] = await Promise.all([
    latestRow ? deps.analyses.findForUser(latestRow.id, userId) : undefined,
    strategy ? deps.strategies.actions(strategy.id) : [],
  ]);
  const previous = full ? await deps.analyses.findPreviousCompleted(full) : undefined;
  return {
    profile: normalizeProfile(profile),
    latest: full ? snapshot(full) : null,
    previous: previous ? snapshot(previous) : null,
    losses: full ? lossesOf(full) : [],
    strategyTitle: strategy?.title ?? null,
    recommendations: recommendationsOf(strategy?.recommendations),
    actions: actions.map(
      (a): AdviceAction => ({
        id: a.id,
        title: a.title,
        status: oneOf(STATUSES, a.status, 'pending'),
        verification: oneOf(VERIFICATIONS, a.verificationStatus, 'unverified'),
        recommendationId: a.recommendationId,
        priority: a.priority,
        effort: a.effort,
      }),
    ),
  };
}

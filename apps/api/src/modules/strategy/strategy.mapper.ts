import type {
  ActionItem,
  Recommendation,
  StrategySummary,
  VerificationRule,
} from '@quento/contracts';
import type { ActionRow, ProgressCounts, StrategyRow } from './strategy.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toActionDto(row: ActionRow): ActionItem {
  return {
    id: row.id,
    strategy_id: row.strategyId,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    impact: row.impact,
    effort: row.effort,
    status: row.status as ActionItem['status'],
    due_date: row.dueDate,
    notes: row.notes,
    completed_at: iso(row.completedAt),
    position: row.position,
    recommendation_id: row.recommendationId,
    verification: (row.verification as VerificationRule | null) ?? null,
    verification_status: row.verificationStatus as ActionItem['verification_status'],
    verified_at: iso(row.verifiedAt),
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const EMPTY: ProgressCounts = { total: 0, done: 0, verified: 0, flagged: 0 };

export function toStrategySummaryDto(
  row: StrategyRow,
  progress: ProgressCounts = EMPTY,
): StrategySummary {
  return {
    id: row.id,
    analysis_id: row.analysisId,
    title: row.title,
    summary: row.summary,
    ...goalsOf(row),
    status: row.status,
    generated_by: row.generatedBy as StrategySummary['generated_by'],
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    progress,
  };
}

export function recommendationsOf(row: StrategyRow): Recommendation[] {
  return (row.recommendations as Recommendation[] | null) ?? [];
}

/** The goals a plan was made for (kept in its metadata); plans made before goals have none. */
function goalsOf(row: StrategyRow): { goals?: string[] } {
  const goals = (row.metadata as { goals?: unknown } | null)?.goals;
  return Array.isArray(goals) ? { goals: goals.filter((g) => typeof g === 'string') } : {};
}

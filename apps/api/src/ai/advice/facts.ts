/**
 * What the advisor knows of the owner's own data past ring 1: the latest analysis and the one
 * before it, where each score's missing points go, the plan and its action items. The API reads
 * it from the database; the answers (with or without a model) only read it.
 */
import type { BusinessProfile } from '@quento/contracts';

export const SCORE_CATEGORIES = ['seo', 'content', 'performance', 'social', 'technical'] as const;
export type ScoreCategory = (typeof SCORE_CATEGORIES)[number];

/** How a score's name reads in a sentence. */
export const CATEGORY_LABELS: Record<ScoreCategory | 'overall', string> = {
  overall: 'overall',
  seo: 'SEO',
  content: 'content',
  performance: 'speed',
  social: 'social',
  technical: 'technical',
};

export interface ScoreSnapshot {
  analysisId: string;
  url: string;
  /** ISO date-time the analysis completed. */
  completedAt: string | null;
  /** 0-100 per category and `overall`; null where nothing could be scored. */
  scores: Partial<Record<ScoreCategory | 'overall', number | null>>;
}

/** A failing check of the latest analysis and the points it costs one category. */
export interface ScoreLoss {
  category: ScoreCategory;
  auditId: string;
  /** The failure in the owner's words (the audit's failure title). */
  title: string;
  points: number;
  fix: string | null;
  pages: string[];
}

export interface AdviceRecommendation {
  id: string;
  title: string;
  description: string;
  rationale: string;
  category: string;
  impact: string;
  effort: string;
  priority: string;
  /** The owner's goal it serves, when the plan says so. */
  goal: string | null;
  /** Pages its evidence points at. */
  pages: string[];
}

export interface AdviceAction {
  id: string;
  title: string;
  status: 'pending' | 'in_progress' | 'done' | 'skipped';
  verification: 'unverified' | 'verified' | 'flagged';
  recommendationId: string | null;
  priority: string | null;
  effort: string | null;
}

export interface OwnerFacts {
  profile: BusinessProfile;
  latest: ScoreSnapshot | null;
  previous: ScoreSnapshot | null;
  /** The latest analysis's losses, every category, largest first within each. */
  losses: ScoreLoss[];
  strategyTitle: string | null;
  /** The latest plan's recommendations, highest priority first. */
  recommendations: AdviceRecommendation[];
  /** Its action items, in plan order. */
  actions: AdviceAction[];
}

/** "the analysis of harbor.example on 30 November 2026": how an answer cites an analysis. */
export function analysisLabel(s: ScoreSnapshot): string {
  let host = s.url;
  try {
    host = new URL(s.url).host;
  } catch {
    // A stored URL that does not parse is shown as stored.
  }
  const day = s.completedAt ? ` on ${formatDay(s.completedAt)}` : '';
  return `your analysis of ${host}${day}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-11-30T..." as "30 November 2026" (UTC, as stored). */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

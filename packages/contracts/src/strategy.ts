import { z } from 'zod';

export const RecommendationCategory = z.enum([
  'seo',
  'content',
  'technical',
  'social',
  'local',
  'conversion',
]);
export type RecommendationCategory = z.infer<typeof RecommendationCategory>;

export const Level = z.enum(['low', 'medium', 'high']);
export type Level = z.infer<typeof Level>;

export const Priority = z.enum(['critical', 'high', 'medium', 'low']);
export type Priority = z.infer<typeof Priority>;

/** What an audit measured: the facts a recommendation rests on. */
export const Evidence = z.object({
  audit_id: z.string(),
  scope: z.enum(['page', 'site']),
  pages: z.array(z.string()),
  /** How many crawled pages the audit applied to, and how many failed it. */
  pages_checked: z.number().int().nonnegative(),
  pages_failing: z.number().int().nonnegative(),
  /** A few offending items exactly as the analyzer reported them. */
  items: z.array(z.unknown()),
  /** Measured values (for example the slowest time to first byte). */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});
export type Evidence = z.infer<typeof Evidence>;

export const Recommendation = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: RecommendationCategory,
  impact: Level,
  effort: Level,
  priority: Priority,
  rationale: z.string(),
  /** `audit` recommendations rest on findings; `strategic` ones come from the model. */
  source: z.enum(['audit', 'strategic']),
  evidence: z.array(Evidence),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** Which audit must pass, and where, for an action to count as verified. */
export const VerificationRule = z.object({
  audit_id: z.string(),
  scope: z.enum(['page', 'site']),
  pages: z.array(z.string()),
});
export type VerificationRule = z.infer<typeof VerificationRule>;

export const PlannedAction = z.object({
  title: z.string(),
  description: z.string(),
  category: RecommendationCategory,
  impact: Level,
  effort: Level,
  priority: Priority,
  recommendation_id: z.string(),
  verification: VerificationRule.nullable(),
});
export type PlannedAction = z.infer<typeof PlannedAction>;

export const Quadrant = z.enum(['quick_wins', 'major_projects', 'fill_ins', 'thankless_tasks']);
export type Quadrant = z.infer<typeof Quadrant>;

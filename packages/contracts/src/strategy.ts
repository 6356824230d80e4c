import { z } from 'zod';
import { Evidence } from './findings.ts';
import { LIMITS, text } from './strings.ts';

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
  /** The owner's goal this serves (one of the plan's `goals`); null when the plan has none. */
  goal: z.string().nullable().optional(),
  /**
   * How the goal was matched: `page` the findings sit on a page tied to the goal (the catering
   * page for "more catering bookings"), `topic` the fix is the kind the goal needs (social fixes
   * for "more Instagram followers"), `general` neither (being found serves every goal).
   */
  goal_match: z.enum(['page', 'topic', 'general']).optional(),
  /** The priority score: impact x reach / effort (see the engine's README). */
  score: z.number().nonnegative().optional(),
  /** Share of the site the findings touch, weighted by page importance, 0 to 1. */
  reach: z.number().min(0).max(1).optional(),
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

export const ActionStatus = z.enum(['pending', 'in_progress', 'done', 'skipped']);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const VerificationStatus = z.enum(['unverified', 'verified', 'flagged']);
export type VerificationStatus = z.infer<typeof VerificationStatus>;

export const ActionItem = z.object({
  id: z.uuid(),
  strategy_id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  priority: z.string().nullable(),
  impact: z.string().nullable(),
  effort: z.string().nullable(),
  status: ActionStatus,
  due_date: z.iso.date().nullable(),
  notes: z.string().nullable(),
  completed_at: z.iso.datetime().nullable(),
  position: z.number().int(),
  recommendation_id: z.string().nullable(),
  verification: VerificationRule.nullable(),
  /** `verified`: a later analysis shows the rule passing; `flagged`: marked done but still failing. */
  verification_status: VerificationStatus,
  verified_at: z.iso.datetime().nullable(),
  version: z.number().int(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const StrategyProgress = z.object({
  total: z.number().int(),
  done: z.number().int(),
  verified: z.number().int(),
  flagged: z.number().int(),
});

export const StrategySummary = z.object({
  id: z.uuid(),
  analysis_id: z.uuid().nullable(),
  title: z.string().nullable(),
  summary: z.string().nullable(),
  /** The owner's goals the plan serves, in the owner's words (absent on older plans). */
  goals: z.array(z.string()).optional(),
  status: z.string(),
  generated_by: z.enum(['engine', 'model']),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  progress: StrategyProgress,
});
export type StrategySummary = z.infer<typeof StrategySummary>;

export const Strategy = StrategySummary.extend({
  recommendations: z.array(Recommendation),
  action_items: z.array(ActionItem),
});
export type Strategy = z.infer<typeof Strategy>;

export const GenerateStrategyRequest = z.strictObject({ analysis_id: z.uuid() });
export type GenerateStrategyRequest = z.infer<typeof GenerateStrategyRequest>;

export const ListStrategiesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListStrategiesQuery = z.infer<typeof ListStrategiesQuery>;

export const StrategyList = z.object({
  items: z.array(StrategySummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** A calendar date every store and client can hold (PostgreSQL has no year 0). */
const DueDate = z.iso.date().refine((d) => d >= LIMITS.minDate && d <= LIMITS.maxDate, {
  error: `must be between ${LIMITS.minDate} and ${LIMITS.maxDate}`,
});

export const ActionUpdate = z
  .strictObject({
    id: z.uuid(),
    /** The version the client last saw; a different current version is a 409. */
    version: z.number().int().min(1),
    status: ActionStatus.optional(),
    due_date: DueDate.nullable().optional(),
    notes: text().max(LIMITS.notes).nullable().optional(),
  })
  .refine((u) => u.status !== undefined || u.due_date !== undefined || u.notes !== undefined, {
    error: 'give at least one of status, due_date, notes',
  });
export type ActionUpdate = z.infer<typeof ActionUpdate>;

export const UpdateActionsRequest = z.strictObject({
  actions: z.array(ActionUpdate).min(1).max(100),
});
export type UpdateActionsRequest = z.infer<typeof UpdateActionsRequest>;

export const UpdateActionsResponse = z.object({ action_items: z.array(ActionItem) });

export const MatrixEntry = z.object({
  recommendation_id: z.string(),
  title: z.string(),
  category: RecommendationCategory,
  impact: Level,
  effort: Level,
  priority: Priority,
  source: z.enum(['audit', 'strategic']),
});

export const PriorityMatrix = z.object({
  quick_wins: z.array(MatrixEntry),
  major_projects: z.array(MatrixEntry),
  fill_ins: z.array(MatrixEntry),
  thankless_tasks: z.array(MatrixEntry),
});
export type PriorityMatrix = z.infer<typeof PriorityMatrix>;

export const ExportFormat = z.enum(['pdf', 'markdown', 'csv', 'ics']);
export const ExportRequest = z.strictObject({ format: ExportFormat });

export const Dashboard = z.object({
  score_history: z.array(
    z.object({
      analysis_id: z.uuid(),
      website_url: z.string(),
      completed_at: z.iso.datetime(),
      scores: z.record(z.string(), z.number().nullable()),
    }),
  ),
  actions: StrategyProgress,
  next_best_actions: z.array(ActionItem),
});
export type Dashboard = z.infer<typeof Dashboard>;

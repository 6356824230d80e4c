/** The deterministic strategy engine: findings from a report, a plan from findings, rules to verify it. */

export type {
  AuditResultLike,
  PageLike,
  ReportLike,
  RuleOutcome,
} from '@quento/analyzer/catalogue';
export {
  type CollectOptions,
  collectFindings,
  diffFindings,
  type FindingKey,
  type FindingsDiff,
  findingKeys,
  severityOf,
} from '@quento/analyzer/catalogue';
export {
  checkExternal,
  EXTERNAL_CHECKS,
  type ExternalCheckId,
  type ExternalLike,
  externalFindings,
  isExternalCheck,
} from './external.ts';
export { type EngineStrategy, generateStrategy } from './generate.ts';
export { type BusinessContext, goalCategories, goalKeywords, pagesByGoal } from './goals.ts';
export {
  capUrgent,
  HIGH_MIN,
  levelWeight,
  MEDIUM_MIN,
  PRIORITY_RANK,
  pageImportance,
  priorityBand,
  priorityOf,
  priorityScore,
  quadrantOf,
} from './priority.ts';
export { blendScores, EXTERNAL_WEIGHTS, type ScoreMap } from './scores.ts';
export {
  type AuditTemplate,
  GROUPS,
  type GroupId,
  type GroupTemplate,
  TEMPLATES,
  templateOf,
} from './templates.ts';
export { checkRule } from './verify.ts';

/** The deterministic strategy engine: findings from a report, a plan from findings, rules to verify it. */
export {
  type CollectOptions,
  collectFindings,
  diffFindings,
  type FindingKey,
  type FindingsDiff,
  findingKeys,
  severityOf,
} from './findings.ts';
export { type EngineStrategy, generateStrategy } from './generate.ts';
export { levelWeight, PRIORITY_RANK, priorityOf, quadrantOf } from './priority.ts';
export type { AuditResultLike, PageLike, ReportLike } from './report.ts';
export {
  type AuditTemplate,
  GROUPS,
  type GroupId,
  type GroupTemplate,
  TEMPLATES,
  templateOf,
} from './templates.ts';
export { checkRule, type RuleOutcome } from './verify.ts';

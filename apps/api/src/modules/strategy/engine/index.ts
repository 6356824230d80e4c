export { collectFindings, diffFindings, type Finding, type FindingsDiff } from './findings.ts';
export { type EngineStrategy, generateStrategy } from './generate.ts';
export { PRIORITY_RANK, priorityOf, quadrantOf } from './priority.ts';
export type { ReportLike } from './report.ts';
export { GROUPS, TEMPLATES } from './templates.ts';
export { checkRule, type RuleOutcome } from './verify.ts';

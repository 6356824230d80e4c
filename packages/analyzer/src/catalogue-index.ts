// The light entry point (`@quento/analyzer/catalogue`): what other packages need to know of the
// audits and their findings, without the crawler, the fetcher or Chromium.
export { AUDIT_IDS, type AuditId, isAuditId } from './audit-ids.ts';
export { AUDIT_CATALOGUE, type AuditCatalogueEntry } from './catalogue.ts';
export { type CategoryId, CONFIG } from './config.ts';
export {
  type CollectOptions,
  collectFindings,
  diffFindings,
  type FindingKey,
  type FindingsDiff,
  findingKeys,
  severityOf,
} from './findings.ts';
export type { AuditResultLike, PageLike, ReportLike, RuleOutcome } from './report-like.ts';
export { SEVERITY } from './severity.ts';

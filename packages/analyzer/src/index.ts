export { analyze, analyzeSite, DEFAULT_USER_AGENT } from './analyze.ts';
export type {
  PageArtifacts,
  ReadMode,
  ReadModeReason,
  SiteArtifacts,
} from './artifacts/types.ts';
export type {
  Audit,
  AuditItem,
  AuditMeta,
  AuditResult,
  PageAudit,
  SiteAudit,
} from './audits/audit.ts';
export { AUDITS, AUDITS_BY_ID } from './audits/index.ts';
export * from './catalogue-index.ts';
export type { CategoryConfig } from './config.ts';
export type { Screenshot } from './crawl/renderer.ts';
export { AnalyzerError, type AnalyzerErrorCode, ERRORS } from './errors.ts';
export { Fetcher, type FetchResult } from './net/fetcher.ts';
export {
  assertPublicUrl,
  checkUrl,
  isRefusedAddress,
  type NetworkPolicy,
  parseHttpUrl,
  refusalReason,
  resolverFor,
} from './net/ssrf.ts';
export {
  computeScores,
  type PointsLost,
  pointsLost,
  type Scores,
  siteAuditScores,
} from './scoring.ts';
export { type BusinessStory, hasStory, parseStory } from './story/story.ts';
export type { AnalysisReport, AnalyzeOptions, PageReport, ProgressEvent } from './types.ts';

import { z } from 'zod';
import { PlainValue } from './findings.ts';

/**
 * The analysis report as the API stores it (analyses.results): the analyzer's report plus what
 * the run added (competitors, third-party data, the comparison with the previous analysis).
 * Versioned so that a later change of shape can read older rows; rows written before versions
 * existed read as version 1. Objects are loose: fields this schema does not name are kept as
 * stored (the full report is returned to clients), only the named ones are checked.
 */
export const STORED_REPORT_VERSION = 1;

export const StoredAuditResult = z.looseObject({
  score: z.number().nullable(),
  items: z.array(z.record(z.string(), PlainValue)).optional(),
  title: z.string().optional(),
  explanation: z.string().optional(),
  displayValue: z.string().optional(),
  /** Measured values (word counts, TTFB, thresholds). */
  evidence: z.record(z.string(), PlainValue.optional()).optional(),
  /** Set when the audit itself threw; the score is then null. */
  error: z.looseObject({ code: z.string(), message: z.string().optional() }).optional(),
});
export type StoredAuditResult = z.infer<typeof StoredAuditResult>;

export const StoredPage = z.looseObject({
  url: z.string(),
  status: z.number().int().nullable().optional(),
  audits: z.record(z.string(), StoredAuditResult),
});

/** One third-party provider's figures (PageSpeed, Moz), as collected during the run. */
export const StoredExternal = z.looseObject({
  provider: z.string(),
  url: z.string().optional(),
  metrics: z.record(z.string(), z.unknown()),
});
export type StoredExternal = z.infer<typeof StoredExternal>;

const StoredReportV1 = z.looseObject({
  version: z.literal(1),
  url: z.string(),
  finalUrl: z.string().optional(),
  pages: z.array(StoredPage),
  site: z.looseObject({ audits: z.record(z.string(), StoredAuditResult) }),
  scores: z.record(z.string(), z.number().nullable()).optional(),
  auditScores: z.record(z.string(), z.number().nullable()).optional(),
  external: z.array(StoredExternal).optional(),
});

/** Parses a stored report of any version into the current shape. */
export const StoredReport = z.preprocess(
  (raw) =>
    raw && typeof raw === 'object' && !('version' in raw)
      ? { ...(raw as Record<string, unknown>), version: 1 }
      : raw,
  StoredReportV1,
);
export type StoredReport = z.infer<typeof StoredReportV1>;

import { z } from 'zod';
import { AnalysisScreenshot } from './files.ts';
import { Finding, Severity } from './findings.ts';
import { LIMITS, text } from './strings.ts';

export const AnalysisStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']);
export type AnalysisStatus = z.infer<typeof AnalysisStatus>;

/** URLs arrive as strings: the API checks scheme and address itself and answers 422 with a code. */
const UrlInput = text().trim().min(1).max(LIMITS.url);

export const CreateAnalysisRequest = z.strictObject({
  website_url: UrlInput,
  competitors: z.array(UrlInput).max(LIMITS.competitors).optional(),
  conversation_id: z.uuid().optional(),
  options: z
    .strictObject({
      max_pages: z.number().int().min(1).max(500).optional(),
      max_depth: z.number().int().min(0).max(20).optional(),
      render: z.boolean().optional(),
    })
    .optional(),
});
export type CreateAnalysisRequest = z.infer<typeof CreateAnalysisRequest>;

export const Scores = z.object({
  overall: z.number().nullable(),
  seo: z.number().nullable(),
  content: z.number().nullable(),
  performance: z.number().nullable(),
  social: z.number().nullable(),
  technical: z.number().nullable(),
});
export type Scores = z.infer<typeof Scores>;

export const TopFinding = z.object({
  audit_id: z.string(),
  title: z.string(),
  severity: Severity,
  pages: z.number().int(),
  score: z.number(),
});

export const CompetitorComparison = z.object({
  url: z.string(),
  status: z.enum(['completed', 'failed']),
  error: z.string().nullable(),
  scores: Scores.nullable(),
  /** Competitor score minus ours, per category (positive: they do better). */
  deltas: z.record(z.string(), z.number().nullable()),
  /** Categories where the competitor scores higher. */
  better_at: z.array(z.string()),
  /** Audits the competitor passes and we fail. */
  audits_they_pass: z.array(z.string()),
});
export type CompetitorComparison = z.infer<typeof CompetitorComparison>;

/** The compact view of a finished analysis, for lists and the dashboard. */
export const AnalysisSummary = z.object({
  scores: Scores,
  pages_analyzed: z.number().int(),
  findings: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  top_findings: z.array(TopFinding),
  competitors: z.array(CompetitorComparison),
  external: z.array(z.object({ provider: z.string(), metrics: z.record(z.string(), z.unknown()) })),
});
export type AnalysisSummary = z.infer<typeof AnalysisSummary>;

export const Analysis = z.object({
  id: z.uuid(),
  website_url: z.string(),
  status: AnalysisStatus,
  progress: z.number().int().min(0).max(100),
  current_step: z.string().nullable(),
  pages_done: z.number().int(),
  pages_total: z.number().int(),
  competitors: z.array(z.string()),
  options: z.record(z.string(), z.unknown()),
  summary: AnalysisSummary.nullable(),
  error_message: z.string().nullable(),
  previous_analysis_id: z.uuid().nullable(),
  conversation_id: z.uuid().nullable(),
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().nullable(),
  completed_at: z.iso.datetime().nullable(),
});
export type Analysis = z.infer<typeof Analysis>;

/** One analysis with the analyzer's full report and its failing audits, worst first. */
export const AnalysisDetail = Analysis.extend({
  results: z.record(z.string(), z.unknown()).nullable(),
  findings: z.array(Finding),
  /** A signed link to the home page's screenshot; null when none was taken. */
  screenshot: AnalysisScreenshot.nullable(),
});
export type AnalysisDetail = z.infer<typeof AnalysisDetail>;

export const AnalysisStatusResponse = Analysis.pick({
  id: true,
  status: true,
  progress: true,
  current_step: true,
  pages_done: true,
  pages_total: true,
  error_message: true,
  started_at: true,
  completed_at: true,
});
export type AnalysisStatusResponse = z.infer<typeof AnalysisStatusResponse>;

export const ListAnalysesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  status: AnalysisStatus.optional(),
  site: text().trim().min(1).max(LIMITS.url).optional(),
});
export type ListAnalysesQuery = z.infer<typeof ListAnalysesQuery>;

export const AnalysisList = z.object({
  items: z.array(Analysis),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AnalysisList = z.infer<typeof AnalysisList>;

export const FindingRef = z.object({ audit_id: z.string(), page: z.string().nullable() });

export const AnalysisComparison = z.object({
  analysis_id: z.uuid(),
  other_id: z.uuid(),
  /** Scores of {id} minus scores of {other_id}. */
  score_deltas: z.record(z.string(), z.number().nullable()),
  findings: z.object({
    resolved: z.array(FindingRef),
    new: z.array(FindingRef),
    unchanged: z.array(FindingRef),
  }),
});
export type AnalysisComparison = z.infer<typeof AnalysisComparison>;

/** Where a running analysis stands: sent in progress events and in the socket's first status. */
const progressFields = {
  analysis_id: z.uuid(),
  status: AnalysisStatus,
  progress: z.number(),
  step: z.string().nullable(),
  pages_done: z.number(),
  pages_total: z.number(),
};

/** Events on `WS /ws/analysis/{id}` (and the bus behind it). */
export const AnalysisEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), ...progressFields, url: z.string().nullable() }),
  z.object({ type: z.literal('completed'), analysis_id: z.uuid() }),
  z.object({ type: z.literal('failed'), analysis_id: z.uuid(), error_message: z.string() }),
  z.object({ type: z.literal('cancelled'), analysis_id: z.uuid() }),
]);
export type AnalysisEvent = z.infer<typeof AnalysisEvent>;

export const AnalysisStatusEvent = z.object({
  type: z.literal('status'),
  ...progressFields,
  error_message: z.string().nullable(),
});

/**
 * What the server sends on `WS /ws/analysis/{id}`: the status when the socket opens, then the bus
 * events, then (after `completed`) the full result.
 */
export const AnalysisSocketEvent = z.discriminatedUnion('type', [
  AnalysisStatusEvent,
  ...AnalysisEvent.options,
  z.object({ type: z.literal('result'), analysis: AnalysisDetail }),
]);
export type AnalysisSocketEvent = z.infer<typeof AnalysisSocketEvent>;

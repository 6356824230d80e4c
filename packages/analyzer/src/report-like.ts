/**
 * The parts of an analyzer report that findings are read from (and the strategy engine reads). Structural on purpose: the engine
 * works from stored JSON (analyses.results), so it must not depend on the analyzer's classes.
 */
export interface AuditResultLike {
  score: number | null;
  items?: unknown[];
  explanation?: string;
  title?: string;
  /** The fix for this site, when the audit can name it (the story audits do). */
  fixHint?: string;
  /** Measured values (the analyzer's `evidence`): word counts, TTFB, thresholds. */
  evidence?: Record<string, unknown>;
  error?: unknown;
}

export interface PageLike {
  url: string;
  status?: number | null;
  audits: Record<string, AuditResultLike | undefined>;
}

export interface ReportLike {
  url: string;
  pages: PageLike[];
  site: { audits: Record<string, AuditResultLike | undefined> };
  scores?: Record<string, number | null | undefined>;
  /** Third-party figures (PageSpeed, Moz) collected with the analysis, when keys were set. */
  external?: { provider: string; metrics: Record<string, unknown> }[];
}

/** What a verification rule says about a (later) analysis. */
export type RuleOutcome = 'pass' | 'fail' | 'unknown';

import type { PageArtifacts, ReadMode, ReadModeReason } from './artifacts/types.ts';
import type { AuditResult } from './audits/audit.ts';
import type { Screenshot } from './crawl/renderer.ts';
import type { RedirectHop } from './net/fetcher.ts';
import type { Scores } from './scoring.ts';
import type { BusinessStory } from './story/story.ts';

export interface AnalyzeOptions {
  url: string;
  /** Most pages (page-like URLs) to fetch. Default 50. */
  maxPages?: number;
  /** Most link hops from the start URL. Default unlimited. */
  maxDepth?: number;
  /**
   * Render pages in Chromium (playwright-core): `true` every page (CHROMIUM_NOT_FOUND without a
   * browser), `false` (default) none, `'auto'` only pages whose static HTML is an application
   * shell, and only when a Chromium is found (what the CLI and Discover use).
   */
  render?: boolean | 'auto';
  /** Parallel requests. Default 4. */
  concurrency?: number;
  /** Minimum delay between request starts to the site. Default 0. */
  perHostDelayMs?: number;
  /** Per request (including body and redirects). Default 15000. */
  requestTimeoutMs?: number;
  /** Response size cap in bytes. Default 5 MB. */
  maxBytes?: number;
  /** Total time budget; no new page is started after it. Default none. */
  timeBudgetMs?: number;
  /** Allow private, loopback and other refused addresses. Default false. */
  allowPrivate?: boolean;
  /** Origins allowed despite resolving to refused addresses (self-hosting, tests). */
  allowOrigins?: string[];
  /** Hostname resolver (defaults to the system's); the SSRF check applies to what it returns. */
  resolve?: (hostname: string) => Promise<string[]>;
  /**
   * PEM CA certificates trusted in addition to the usual roots, for static fetches (an intranet
   * CA, a test's self-signed certificate). Certificates are always verified; Chromium keeps its
   * own trust store.
   */
  extraCaCertificates?: string[];
  /** Chromium executable; else CHROMIUM_PATH, else the usual paths. */
  chromiumPath?: string;
  /**
   * Bound on starting Chromium and on each page's whole render. Past it the page is read
   * statically (`modeReason: 'render-failed'`, `error` says why). Default: the request timeout
   * plus 5 s.
   */
  renderTimeoutMs?: number;
  userAgent?: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Called once per page with its artifacts (text, headings, links...), which the report does not
   * keep: for callers that read the pages themselves (the API's content assessment).
   */
  onPageArtifacts?: (page: PageArtifacts) => void;
  /**
   * Also take a screenshot of the home page's first screen (JPEG, 1280 x 800) in Chromium,
   * through the same SSRF guard as rendered pages, in the browser the crawl uses when it renders
   * (at most one launch). It never fails the analysis: without Chromium, or when the page will
   * not render, the report says why instead (`screenshotError`). Default false.
   */
  screenshot?: boolean;
  /**
   * What the owner says the business is (name, phone, address, services, areas, hours). Without
   * one the story-to-site audits are not applicable and weigh nothing.
   */
  story?: BusinessStory | null;
}

/**
 * Progress of an analysis. `queued`: a URL joined the queue; `fetched`: its response (or error)
 * arrived; `audited`: its page audits ran; `done`: the report is complete. Counters are totals
 * so far; `total` is the most pages the crawl will fetch (min of queued and maxPages).
 */
export interface ProgressEvent {
  type: 'queued' | 'fetched' | 'audited' | 'done';
  url?: string;
  queued: number;
  fetched: number;
  audited: number;
  total: number;
}

export interface PageReport {
  url: string;
  requestedUrl: string;
  status: number;
  redirects: RedirectHop[];
  timing: { ttfbMs: number; totalMs: number };
  sizeBytes: number;
  rendered: boolean;
  /** How the page was read, and why (see ReadModeReason). */
  mode: ReadMode;
  modeReason: ReadModeReason;
  /** Set when the page could not be fetched or rendered. */
  error?: { code: string; message: string };
  audits: Record<string, AuditResult>;
}

export interface AnalysisReport {
  url: string;
  /** Final URL of the start page. */
  finalUrl: string;
  startedAt: string;
  finishedAt: string;
  mode: 'static' | 'rendered';
  pages: PageReport[];
  site: {
    audits: Record<string, AuditResult>;
    /** URLs not fetched: disallowed by robots.txt or beyond the limits (first 100). */
    skipped: { url: string; reason: 'robots' | 'limit' }[];
    /** Requests refused by the SSRF guard while rendering (first 100). */
    blockedRequests: string[];
  };
  /** Per audit, the site-wide score (page audits averaged over pages). */
  auditScores: Record<string, number | null>;
  scores: Scores;
  /**
   * With `screenshot: true`: the home page's first screen (its bytes, not JSON: take it out of
   * the report before serialising it), or null with `screenshotError` saying why there is none.
   */
  screenshot?: Screenshot | null;
  screenshotError?: { code: string; message: string };
}

import type { AnalyzerErrorCode } from '../errors.ts';
import type { FetchResult } from '../net/fetcher.ts';

/** Turns a fetched HTML page into its rendered DOM. */
export interface Renderer {
  render(
    fetch: FetchResult,
  ): Promise<{ html: string } | { error: { code: AnalyzerErrorCode; message: string } }>;
  /** Requests refused by the SSRF guard so far. */
  readonly blocked: readonly string[];
  close(): Promise<void>;
}

import type { AnalyzerErrorCode } from '../errors.ts';
import type { FetchResult } from '../net/fetcher.ts';

export type RenderError = { error: { code: AnalyzerErrorCode; message: string } };

/** A picture of a page's first screen, as a visitor's browser shows it. */
export interface Screenshot {
  /** The page shown. */
  url: string;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  data: Uint8Array;
}

/** Turns a fetched HTML page into its rendered DOM. */
export interface Renderer {
  render(fetch: FetchResult): Promise<{ html: string } | RenderError>;
  /** Screenshots the page at `url` (images shown, unlike the pages rendered for the audits). */
  screenshot(url: string): Promise<{ screenshot: Screenshot } | RenderError>;
  /** Requests refused by the SSRF guard so far. */
  readonly blocked: readonly string[];
  close(): Promise<void>;
}

/**
 * One catalogue of analyzer errors, after Lighthouse's `lh-error.js`: every failure that leaves the
 * analyzer carries a stable code that callers (the API, the CLI) map to their own responses.
 */
export const ERRORS = {
  URL_INVALID: { message: 'The URL is not a valid http(s) address.', exit: 2 },
  URL_REFUSED: {
    message: 'The URL points to a private, local or reserved network address.',
    exit: 1,
  },
  START_URL_UNREACHABLE: { message: 'The start URL could not be fetched.', exit: 1 },
  HOST_NOT_FOUND: { message: 'The host name could not be resolved.', exit: 1 },
  CHROMIUM_NOT_FOUND: {
    message: 'Rendered mode needs Chromium; none was found (set CHROMIUM_PATH).',
    exit: 1,
  },
  RENDER_FAILED: { message: 'The page could not be rendered in Chromium.', exit: 1 },
  REQUEST_TIMEOUT: { message: 'The request timed out.', exit: 1 },
  RESPONSE_TOO_LARGE: { message: 'The response was larger than the size cap.', exit: 1 },
  FETCH_FAILED: { message: 'The request failed.', exit: 1 },
  TOO_MANY_REDIRECTS: { message: 'Too many redirects.', exit: 1 },
  ABORTED: { message: 'The analysis was cancelled.', exit: 1 },
  AUDIT_ERROR: { message: 'The audit failed to run.', exit: 1 },
} as const;

export type AnalyzerErrorCode = keyof typeof ERRORS;

export class AnalyzerError extends Error {
  readonly code: AnalyzerErrorCode;
  constructor(code: AnalyzerErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERRORS[code].message, options);
    this.name = 'AnalyzerError';
    this.code = code;
  }

  /** The process exit code the CLI uses for this error. */
  get exitCode(): number {
    return ERRORS[this.code].exit;
  }
}

/** Turns anything thrown into an AnalyzerError, keeping a known code when there is one. */
export function toAnalyzerError(err: unknown, fallback: AnalyzerErrorCode): AnalyzerError {
  if (err instanceof AnalyzerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AnalyzerError(fallback, message, { cause: err });
}

import type { AnalyzerError, AnalyzerErrorCode } from '@quento/analyzer';
import { AppError, type ErrorCode } from './errors.ts';

/**
 * Every analyzer error code, mapped to the API's: a new analyzer code fails the typecheck here
 * until someone decides what the client sees for it.
 */
export const ANALYZER_ERRORS: Record<AnalyzerErrorCode, ErrorCode> = {
  URL_INVALID: 'URL_INVALID',
  URL_REFUSED: 'URL_REFUSED',
  HOST_NOT_FOUND: 'URL_UNRESOLVABLE',
  START_URL_UNREACHABLE: 'URL_UNREACHABLE',
  FETCH_FAILED: 'URL_UNREACHABLE',
  REQUEST_TIMEOUT: 'URL_UNREACHABLE',
  TOO_MANY_REDIRECTS: 'URL_UNREACHABLE',
  RESPONSE_TOO_LARGE: 'URL_UNREACHABLE',
  RENDER_FAILED: 'URL_UNREACHABLE',
  CHROMIUM_NOT_FOUND: 'SERVICE_UNAVAILABLE',
  ABORTED: 'SERVICE_UNAVAILABLE',
  AUDIT_ERROR: 'INTERNAL_ERROR',
};

/** The client-facing error for an analyzer failure about one request field (a URL). */
export const fromAnalyzerError = (err: AnalyzerError, field: string): AppError =>
  new AppError(ANALYZER_ERRORS[err.code], err.message, { field });

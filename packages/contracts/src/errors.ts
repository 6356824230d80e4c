import { z } from 'zod';

/**
 * Every machine-readable error code the API sends, over HTTP and in WebSocket `error` events.
 * Closed: a client can switch on it exhaustively and show one sentence per code.
 */
export const ErrorCode = z.enum([
  // 400
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'INVALID_RESET_TOKEN',
  // 401
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'INVALID_TOKEN',
  'INVALID_REFRESH_TOKEN',
  // 403
  'FORBIDDEN',
  'INVALID_PASSWORD',
  'LINK_INVALID',
  // 404, 405, 406, 408
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'REQUEST_TIMEOUT',
  // 409
  'CONFLICT',
  'EMAIL_TAKEN',
  'SESSION_ENDED',
  'BUSY',
  'MODEL_NOT_CONFIGURED',
  'ANALYSIS_NOT_COMPLETED',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  // 410
  'LINK_EXPIRED',
  // 412, 413, 414, 415, 416
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'RANGE_NOT_SATISFIABLE',
  // 422
  'UNPROCESSABLE',
  'WEBSITE_REQUIRED',
  'URL_INVALID',
  'URL_REFUSED',
  'URL_UNRESOLVABLE',
  'URL_UNREACHABLE',
  // 429, 431
  'RATE_LIMITED',
  'TOKEN_CAP_REACHED',
  'HEADERS_TOO_LARGE',
  // 5xx
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The HTTP status of each code: the API derives the status from the code, never the reverse. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_RESET_TOKEN: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_TOKEN: 401,
  INVALID_REFRESH_TOKEN: 401,
  FORBIDDEN: 403,
  INVALID_PASSWORD: 403,
  LINK_INVALID: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SESSION_ENDED: 409,
  BUSY: 409,
  MODEL_NOT_CONFIGURED: 409,
  ANALYSIS_NOT_COMPLETED: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  LINK_EXPIRED: 410,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  UNPROCESSABLE: 422,
  WEBSITE_REQUIRED: 422,
  URL_INVALID: 422,
  URL_REFUSED: 422,
  URL_UNRESOLVABLE: 422,
  URL_UNREACHABLE: 422,
  RATE_LIMITED: 429,
  TOKEN_CAP_REACHED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Every error the API sends has this shape: a machine-readable code and a human message. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    request_id: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * Close codes with which the API's WebSockets turn a client away (4xxx: the private range), and
 * the error code each stands for. 1000 is a normal end (an analysis finished).
 */
export const WS_CLOSE = {
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  rateLimited: 4429,
  internalError: 1011,
} as const;
export type WsCloseCode = (typeof WS_CLOSE)[keyof typeof WS_CLOSE];
export const WS_CLOSE_ERROR: Record<WsCloseCode, ErrorCode> = {
  4400: 'BAD_REQUEST',
  4401: 'UNAUTHORIZED',
  4403: 'FORBIDDEN',
  4404: 'NOT_FOUND',
  4429: 'RATE_LIMITED',
  1011: 'INTERNAL_ERROR',
};

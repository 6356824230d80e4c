/** Machine-readable error codes the API sends; each maps to one HTTP status. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_TOKEN'
  | 'INVALID_REFRESH_TOKEN'
  | 'INVALID_RESET_TOKEN'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'EMAIL_TAKEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE';

/** A failure the client can act on. The error handler turns it into the standard error body. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** Seconds until a retry can succeed; sent as Retry-After (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  unauthorized: (message = 'Authentication required') => new AppError('UNAUTHORIZED', 401, message),
  invalidToken: () => new AppError('INVALID_TOKEN', 401, 'The access token is invalid or expired'),
  invalidCredentials: () =>
    new AppError('INVALID_CREDENTIALS', 401, 'The e-mail or password is incorrect'),
  invalidRefreshToken: () =>
    new AppError('INVALID_REFRESH_TOKEN', 401, 'The refresh token is invalid, expired or revoked'),
  invalidResetToken: () =>
    new AppError('INVALID_RESET_TOKEN', 400, 'The reset link is invalid, expired or already used'),
  notFound: (what = 'Resource') => new AppError('NOT_FOUND', 404, `${what} not found`),
  forbidden: (message = 'Not allowed') => new AppError('FORBIDDEN', 403, message),
  emailTaken: () =>
    new AppError('EMAIL_TAKEN', 409, 'An account with this e-mail address already exists'),
  rateLimited: (retryAfter: number) =>
    new AppError(
      'RATE_LIMITED',
      429,
      `Too many requests, retry in ${retryAfter} s`,
      undefined,
      retryAfter,
    ),
};

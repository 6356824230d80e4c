import { ERROR_STATUS, type ErrorCode } from '@quento/contracts';

export type { ErrorCode } from '@quento/contracts';

/**
 * A failure the client can act on. The error handler turns it into the standard error body; the
 * HTTP status comes from the code (contracts' ERROR_STATUS), so a code always means one status.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds until a retry can succeed; sent as Retry-After (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const errors = {
  unauthorized: (message = 'Authentication required') => new AppError('UNAUTHORIZED', message),
  invalidToken: () => new AppError('INVALID_TOKEN', 'The access token is invalid or expired'),
  invalidCredentials: () =>
    new AppError('INVALID_CREDENTIALS', 'The e-mail or password is incorrect'),
  invalidRefreshToken: () =>
    new AppError('INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked'),
  invalidResetToken: () =>
    new AppError('INVALID_RESET_TOKEN', 'The reset link is invalid, expired or already used'),
  notFound: (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found`),
  forbidden: (message = 'Not allowed') => new AppError('FORBIDDEN', message),
  emailTaken: () =>
    new AppError('EMAIL_TAKEN', 'An account with this e-mail address already exists'),
  rateLimited: (retryAfter: number) =>
    new AppError(
      'RATE_LIMITED',
      `Too many requests, retry in ${retryAfter} s`,
      undefined,
      retryAfter,
    ),
};

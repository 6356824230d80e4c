import { ApiError, type ApiErrorCode } from './api/api-error';

/**
 * One sentence per error code, in the owner's words. The record is exhaustive over the contracts'
 * closed vocabulary: a new code on the API fails the app's typecheck until it has its sentence.
 */
export const ERROR_MESSAGES: Record<ApiErrorCode, string> = {
  BAD_REQUEST: 'Quento could not understand that request. Please try again.',
  VALIDATION_FAILED: 'Some of the details are not valid. Check the highlighted fields.',
  MALFORMED_JSON: 'The app sent something Quento could not read. Please update the app.',
  INVALID_RESET_TOKEN: 'This reset link is invalid, expired or already used. Ask for a new one.',
  UNAUTHORIZED: 'Please sign in to continue.',
  INVALID_CREDENTIALS: 'That e-mail and password do not match an account.',
  INVALID_TOKEN: 'Your session has expired. Please sign in again.',
  INVALID_REFRESH_TOKEN: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You do not have access to that.',
  INVALID_PASSWORD: 'That password is not correct.',
  LINK_INVALID: 'This download link is not valid. Export the file again.',
  NOT_FOUND: 'That could not be found. It may have been deleted.',
  METHOD_NOT_ALLOWED: 'That action is not available here.',
  NOT_ACCEPTABLE: 'Quento cannot answer in a form this app understands.',
  REQUEST_TIMEOUT: 'That took too long. Please try again.',
  CONFLICT: 'That changed elsewhere in the meantime. Refresh and try again.',
  EMAIL_TAKEN: 'An account with this e-mail address already exists. Sign in instead.',
  SESSION_ENDED: 'This conversation has ended. Start a new one to keep talking.',
  BUSY: 'Quento is still answering your last message. Wait a moment, then send again.',
  MODEL_NOT_CONFIGURED: 'This needs an AI model, and none is set up on this server.',
  ANALYSIS_NOT_COMPLETED: 'That analysis has not finished yet. Wait for it to complete.',
  VERSION_CONFLICT: 'Someone changed this task in the meantime. The newer version is shown.',
  IDEMPOTENCY_KEY_REUSED: 'That request was already sent with other details.',
  LINK_EXPIRED: 'This download link has expired. Export the file again.',
  PRECONDITION_FAILED: 'Something changed in the meantime. Refresh and try again.',
  PAYLOAD_TOO_LARGE: 'That is too long to send. Shorten it and try again.',
  URI_TOO_LONG: 'That address is too long.',
  UNSUPPORTED_MEDIA_TYPE:
    'The app sent a kind of data Quento does not accept. Please update the app.',
  RANGE_NOT_SATISFIABLE: 'That part of the file is not available.',
  UNPROCESSABLE: 'Quento could not process that. Check the details and try again.',
  WEBSITE_REQUIRED: 'Add your website address first.',
  URL_INVALID: 'That does not look like a website address. Try something like https://example.com.',
  URL_REFUSED: 'Quento cannot analyse that address: it points to a private or local network.',
  URL_UNRESOLVABLE: 'That website address could not be found. Check the spelling.',
  URL_UNREACHABLE: 'That website did not answer. Check that it is online and try again.',
  RATE_LIMITED: 'Too many tries in a short time. Wait a minute, then try again.',
  TOKEN_CAP_REACHED: 'You have used today’s AI allowance. It renews tomorrow.',
  HEADERS_TOO_LARGE: 'The request was too large. Sign out and in again.',
  INTERNAL_ERROR: 'Something went wrong on Quento’s side. Please try again shortly.',
  SERVICE_UNAVAILABLE: 'Quento is briefly unavailable. Please try again in a moment.',
  NETWORK_ERROR: 'Quento cannot be reached. Check your connection and try again.',
  BAD_RESPONSE: 'Quento answered in a way this app does not understand. Please update the app.',
};

/** The sentence to show for any failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return ERROR_MESSAGES[error.code];
  return ERROR_MESSAGES.INTERNAL_ERROR;
}

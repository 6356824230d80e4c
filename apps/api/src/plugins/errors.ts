import { randomUUID } from 'node:crypto';
import { STATUS_CODES as STATUS_CODES_TEXT } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@quento/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { foreignKeyViolation, isDatabaseUnavailable } from '../lib/db-errors.ts';
import { AppError } from '../lib/errors.ts';
import { captureUnexpected } from '../lib/sentry.ts';

/** Fastify's own client errors, by their code, mapped to ours (the status follows the code). */
export const FASTIFY_CODES: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Content-Type must be application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    message: 'Request body must not be empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: 'Malformed JSON body' },
};

/**
 * Other client errors (from Fastify or a plugin), by HTTP status. A 4xx status not listed here
 * leaves as 400 BAD_REQUEST, so every response carries a code of the closed vocabulary.
 */
export const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

function body(
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
): ErrorBody {
  return {
    error: { code, message, ...(details === undefined ? {} : { details }), request_id: request.id },
  };
}

/** The one error handler: every failure leaves as `{"error": {code, message, details}}`. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
    return reply.status(error.status).send(body(request, error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      // instancePath is "/email"; the context says which part of the request it came from.
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    return reply
      .status(ERROR_STATUS.VALIDATION_FAILED)
      .send(body(request, 'VALIDATION_FAILED', 'The request is invalid', details));
  }
  const fe = error as Partial<FastifyError>;
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) {
    return reply
      .status(ERROR_STATUS[known.code])
      .send(body(request, known.code, known.message ?? fe.message ?? 'Bad request'));
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'BAD_REQUEST';
    return reply.status(ERROR_STATUS[code]).send(body(request, code, fe.message ?? 'Bad request'));
  }
  const fk = foreignKeyViolation(error);
  if (fk !== undefined) {
    // Owner keys are named <table>_user_id_users_id_fk: the account behind the token is gone.
    const gone = fk.endsWith('_user_id_users_id_fk');
    const code = gone ? 'UNAUTHORIZED' : 'CONFLICT';
    const message = gone
      ? 'The account no longer exists'
      : 'Something this request refers to no longer exists';
    return reply.status(ERROR_STATUS[code]).send(body(request, code, message));
  }
  if (isDatabaseUnavailable(error)) {
    // Not the request's fault and not for ever: /readyz says the same, the pool reconnects.
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', '5');
    return reply
      .status(ERROR_STATUS.SERVICE_UNAVAILABLE)
      .send(body(request, 'SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly'));
  }
  // Unexpected: the details go to the log; the client gets only the request id to quote.
  request.log.error({ err: error }, 'unhandled error');
  captureUnexpected(error, request.id, request.routeOptions.url ?? 'unmatched');
  return reply
    .status(500)
    .send(body(request, 'INTERNAL_ERROR', 'Something went wrong on our side'));
}

/** Router errors (Fastify's `frameworkErrors`), raised before the hooks and the error handler. */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'BAD_REQUEST';
  const message = code === 'URI_TOO_LONG' ? 'A path parameter is too long' : 'Malformed URL';
  reply.header('x-request-id', request.id);
  return reply.status(ERROR_STATUS[code]).send(body(request, code, message));
}

/**
 * Errors Node's HTTP parser raises (headers or request line too large, garbage), answered on the
 * raw socket: no request exists yet, so the id is made here.
 */
export function handleClientError(error: Error & { code?: string }, socket: Duplex) {
  if (!socket.writable) return socket.destroy();
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST';
  const id = randomUUID();
  const payload = JSON.stringify({
    error: {
      code,
      message:
        code === 'HEADERS_TOO_LARGE'
          ? 'The request line or headers are too large'
          : code === 'REQUEST_TIMEOUT'
            ? 'The request took too long to arrive'
            : 'Malformed HTTP request',
      request_id: id,
    },
  });
  const status = ERROR_STATUS[code];
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES_TEXT[status] ?? 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n` +
      `X-Request-Id: ${id}\r\nConnection: close\r\n\r\n${payload}`,
  );
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((request, reply) => {
      reply
        .status(404)
        .send(
          body(
            request,
            'NOT_FOUND',
            `Route ${request.method} ${request.url.split('?')[0]} not found`,
          ),
        );
    });
  },
  { name: 'errors' },
);

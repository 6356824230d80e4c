/**
 * What may reach a log line. Nothing a user typed, no password hash and no token: database errors
 * carry the query parameters (drizzle) and the failing row (PostgreSQL's `detail`), and their
 * messages can quote a value ('invalid input syntax for type uuid: "..."'), so of those only the
 * SQL text, SQLSTATE and the names of the table, column and constraint are kept. Requests are
 * logged by path: a query string is user input.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** A driver error from PostgreSQL or PGlite: a five-character SQLSTATE and a severity. */
function isDriverError(e: Obj): boolean {
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e;
}

/** drizzle's wrapper: `query` (SQL with placeholders), `params` (the values), `cause`. */
function isQueryError(e: Obj): boolean {
  return typeof e.query === 'string' && 'params' in e;
}

/** Stack frames only: the first line repeats the message. */
function frames(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .join('\n');
}

const pick = (e: Obj, keys: string[]): Obj =>
  Object.fromEntries(keys.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));

export interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!isObj(err)) return { type: typeof err, message: '[non-error value]', stack: '' };
  const type = (err.constructor as { name?: string } | undefined)?.name ?? 'Error';
  const cause = depth < 5 && 'cause' in err ? serializeError(err.cause, depth + 1) : undefined;
  if (isQueryError(err)) {
    return {
      type,
      message: 'database query failed',
      query: err.query,
      stack: frames(err.stack),
      cause,
    };
  }
  if (isDriverError(err)) {
    return {
      type,
      message: 'database error',
      stack: '',
      ...pick(err, ['code', 'severity', 'table', 'column', 'constraint', 'routine']),
    };
  }
  return {
    type,
    message: typeof err.message === 'string' ? err.message : String(err),
    ...pick(err, ['code', 'statusCode']),
    stack: frames(err.stack),
    ...(cause === undefined ? {} : { cause }),
  };
}

interface LoggedRequest {
  method?: string;
  url?: string;
  hostname?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function serializeRequest(req: LoggedRequest): Obj {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
    host: req.host ?? req.hostname,
    remoteAddress: req.ip,
  };
}

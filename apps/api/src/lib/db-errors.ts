/** The driver error inside err: drizzle wraps PostgreSQL's (and PGlite's) error in `cause`. */
function driverError(err: unknown): { code: string; constraint?: string } | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof current === 'object' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
      return current as { code: string; constraint?: string };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when err (or a cause drizzle wrapped around it) is a PostgreSQL unique violation. */
export function isUniqueViolation(err: unknown): boolean {
  return driverError(err)?.code === '23505';
}

/** The constraint a foreign-key violation names, or undefined when err is not one. */
export function foreignKeyViolation(err: unknown): string | undefined {
  const e = driverError(err);
  return e?.code === '23503' ? (e.constraint ?? '') : undefined;
}

/** Socket errors of a database that is not there (restarting, unreachable). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * True when err (or a cause) says the database cannot be reached right now rather than that the
 * query was wrong: a refused or dropped connection, SQLSTATE class 08 (connection exception),
 * 57P01-57P03 (shutting down, crashed, starting up) or 53300 (too many connections).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const sqlState = driverError(err)?.code;
  if (
    sqlState &&
    (sqlState.startsWith('08') || /^57P0[123]$/.test(sqlState) || sqlState === '53300')
  )
    return true;
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
    // node-postgres says this (with no code) when the server ends the connection under a query.
    if (typeof message === 'string' && /^Connection terminated/.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

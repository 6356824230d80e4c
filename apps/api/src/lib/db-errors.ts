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

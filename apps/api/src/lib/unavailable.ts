import { AppError } from './errors.ts';

/** How long a Redis-backed call may take before the request is answered 503 instead. */
export const REDIS_CALL_TIMEOUT_MS = 1000;

/** 503 SERVICE_UNAVAILABLE with a Retry-After: a dependency (Redis) is down for now. */
export const unavailable = (what: string) =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    `The ${what} is unavailable; try again shortly`,
    undefined,
    5,
  );

/** `p`, or a 503 when it has not settled within `ms` (the call itself goes on in the background). */
export function bounded<T>(p: Promise<T>, what: string, ms = REDIS_CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(what)), ms);
  });
  p.catch(() => undefined); // settled later by itself; nobody waits for it any more
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface Connection {
  status: string;
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

/** Resolves when the connection is ready, or fails with a 503 after `ms` (it stays connecting). */
export async function whenReady(connection: Connection, what: string, ms = REDIS_CALL_TIMEOUT_MS) {
  if (connection.status === 'ready') return;
  let listener: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    listener = resolve;
    connection.once('ready', listener);
  });
  await bounded(ready, what, ms).finally(() => connection.off('ready', listener));
}

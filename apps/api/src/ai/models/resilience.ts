/**
 * What makes a model call survivable: typed errors, which failures are worth another try, how
 * long to wait, and an attempt that times out and closes the upstream call.
 */
/** The daily token cap is reached; the API answers 429 with this code. */
export class DailyTokenCapError extends Error {
  readonly code = 'daily_token_cap_reached';
  readonly statusCode = 429;
  constructor(
    readonly cap: number,
    readonly used: number,
  ) {
    super(`Daily token cap of ${cap} reached (${used} used today)`);
    this.name = 'DailyTokenCapError';
  }
}

/** No model is configured for this role; the caller should use the guided advisor. */
export class ModelNotConfiguredError extends Error {
  readonly code = 'model_not_configured';
  constructor(role: string) {
    super(`No ${role} model is configured`);
    this.name = 'ModelNotConfiguredError';
  }
}

/** The stream ended without the model saying it had finished. */
export class IncompleteStreamError extends Error {
  readonly code = 'model_stream_incomplete';
  constructor() {
    super('The model stream ended before the answer was complete');
    this.name = 'IncompleteStreamError';
  }
}

/** The per-call timeout elapsed while waiting for the model. */
export class ModelTimeoutError extends Error {
  readonly code = 'model_timeout';
  constructor(ms: number) {
    super(`The model did not answer within ${ms} ms`);
    this.name = 'ModelTimeoutError';
  }
}

function errorStatus(err: unknown): number | undefined {
  if (err && typeof err === 'object') {
    const e = err as { status?: unknown; response?: { status?: unknown } };
    if (typeof e.status === 'number') return e.status;
    if (typeof e.response?.status === 'number') return e.response.status;
  }
  return undefined;
}

export function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { headers?: unknown } | null)?.headers;
  let get: (name: string) => string | null | undefined;
  if (headers && typeof (headers as Headers).get === 'function') {
    get = (n) => (headers as Headers).get(n);
  } else if (headers && typeof headers === 'object') {
    get = (n) => (headers as Record<string, string | undefined>)[n];
  } else {
    return undefined;
  }
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const s = get('retry-after');
  if (s && Number.isFinite(Number(s))) return Number(s) * 1000;
  return undefined;
}

/** 429, 408, 5xx, timeouts and dropped connections are worth another try. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof ModelTimeoutError || err instanceof IncompleteStreamError) return true;
  const status = errorStatus(err);
  if (status !== undefined) return status === 429 || status === 408 || status >= 500;
  const text = `${(err as Error)?.name ?? ''} ${(err as Error)?.message ?? ''}`;
  return /connection|ECONNRESET|ECONNREFUSED|socket|fetch failed|terminated|TimeoutError/i.test(
    text,
  );
}

export const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** An AbortController tied to the caller's signal, with a restartable timeout. */
export class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unlink: () => void;

  constructor(
    private readonly timeoutMs: number,
    outer: AbortSignal | undefined,
  ) {
    const onAbort = () => this.controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => outer?.removeEventListener('abort', onAbort);
    this.touch();
  }

  /** Restart the timeout (called on every chunk, so it bounds the gap between tokens). */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new ModelTimeoutError(this.timeoutMs));
    }, this.timeoutMs);
  }

  private done = false;

  /** The response was read to the end: nothing left to close. */
  complete(): void {
    this.done = true;
  }

  end(): void {
    clearTimeout(this.timer);
    this.unlink();
    // Closes the upstream call when the consumer stopped early or the call failed. Skipped after
    // a complete answer: creating the abort error costs time on the hot path for nothing.
    if (!this.done) this.controller.abort();
  }
}

/** Exponential backoff with jitter; a server's retry-after wins; never longer than `maxDelay`. */
export function backoffMs(attempt: number, err: unknown, baseDelay: number, maxDelay: number) {
  const hinted = retryAfterMs(err);
  const exp = baseDelay * 2 ** attempt * (0.8 + Math.random() * 0.4);
  return Math.min(maxDelay, hinted ?? exp);
}

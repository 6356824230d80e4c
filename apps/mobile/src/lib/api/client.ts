import { type TokenPair, TokenPair as TokenPairSchema } from '@quento/contracts';
import type { z } from 'zod';
import { ApiError, errorFromResponse } from './api-error';

export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** Where the client keeps the session; the auth store implements it. */
export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
}

export interface ApiClientOptions {
  /** The API's origin, e.g. `http://localhost:8000`; empty for the page's own origin. */
  baseUrl: () => string;
  session: SessionStore;
  /** Called once when the session could not be refreshed and is gone. */
  onSessionEnded?: () => void;
  /** Called after every answer or network failure, so the app can show an offline banner. */
  onNetwork?: (online: boolean) => void;
  fetch?: typeof fetch;
  /** Extra tries for idempotent requests after a network error or a 502/503/504. */
  retries?: number;
  retryDelayMs?: (attempt: number) => number;
}

export interface RequestOptions<T> {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Validates the answer; without it the parsed JSON is returned as is. */
  schema?: z.ZodType<T>;
  /** False for the sign-in calls: no token is sent and a 401 is not refreshed. */
  auth?: boolean;
  signal?: AbortSignal;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const RETRY_STATUS = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function toSession(pair: TokenPair): Session {
  return { accessToken: pair.access_token, refreshToken: pair.refresh_token };
}

/**
 * The one HTTP client: attaches the access token, refreshes it once on a 401 (one refresh in
 * flight, shared by every request that hit the 401), retries idempotent calls on network errors,
 * and ends the session when the refresh token is refused.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? ((attempt) => 300 * 2 ** attempt);
  let refreshing: Promise<Session | null> | null = null;

  function url(path: string, query?: RequestOptions<unknown>['query']): string {
    const qs = query
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&')
      : '';
    return `${options.baseUrl()}/api/v1${path}${qs ? `?${qs}` : ''}`;
  }

  async function send(
    method: string,
    path: string,
    opts: RequestOptions<unknown>,
    token: string | null,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await doFetch(url(path, opts.query), {
          method,
          headers,
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          signal: opts.signal,
        });
        options.onNetwork?.(true);
        if (RETRY_STATUS.has(res.status) && IDEMPOTENT.has(method) && attempt < retries) {
          await sleep(delay(attempt));
          continue;
        }
        return res;
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        if (IDEMPOTENT.has(method) && attempt < retries) {
          await sleep(delay(attempt));
          continue;
        }
        options.onNetwork?.(false);
        throw new ApiError('NETWORK_ERROR', 'Cannot reach Quento', null);
      }
    }
  }

  async function refresh(): Promise<Session | null> {
    const current = options.session.get();
    if (!current) return null;
    const res = await send(
      'POST',
      '/auth/refresh',
      { body: { refresh_token: current.refreshToken } },
      null,
    );
    if (res.ok) {
      const next = toSession(TokenPairSchema.parse(await res.json()));
      options.session.set(next);
      return next;
    }
    if (res.status >= 500) throw await errorFromResponse(res);
    // Refused (expired, revoked, or reused elsewhere): the session is over.
    options.session.set(null);
    options.onSessionEnded?.();
    return null;
  }

  /** One refresh at a time; a request whose token was already replaced just uses the new one. */
  function refreshAfter(staleToken: string): Promise<Session | null> {
    const current = options.session.get();
    if (current && current.accessToken !== staleToken) return Promise.resolve(current);
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function raw(method: string, path: string, opts: RequestOptions<unknown> = {}) {
    const auth = opts.auth ?? true;
    const token = auth ? (options.session.get()?.accessToken ?? null) : null;
    let res = await send(method, path, opts, token);
    if (res.status === 401 && auth && token) {
      const next = await refreshAfter(token);
      if (!next) throw await errorFromResponse(res);
      res = await send(method, path, opts, next.accessToken);
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  async function request<T>(method: string, path: string, opts: RequestOptions<T> = {}) {
    const res = await raw(method, path, opts as RequestOptions<unknown>);
    if (res.status === 204) return undefined as T;
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ApiError('BAD_RESPONSE', 'The answer was not JSON', res.status);
    }
    if (!opts.schema) return json as T;
    const parsed = opts.schema.safeParse(json);
    if (!parsed.success)
      throw new ApiError('BAD_RESPONSE', 'The answer did not match the contract', res.status);
    return parsed.data;
  }

  return {
    request,
    /** The response itself, for downloads (exports). */
    raw,
    get: <T>(path: string, opts?: RequestOptions<T>) => request<T>('GET', path, opts),
    post: <T>(path: string, opts?: RequestOptions<T>) => request<T>('POST', path, opts),
    put: <T>(path: string, opts?: RequestOptions<T>) => request<T>('PUT', path, opts),
    delete: <T>(path: string, opts?: RequestOptions<T>) => request<T>('DELETE', path, opts),
    /** The current access token, refreshed first when `stale` is the one that was refused. */
    token: async (stale?: string): Promise<string | null> => {
      if (stale) return (await refreshAfter(stale))?.accessToken ?? null;
      return options.session.get()?.accessToken ?? null;
    },
    baseUrl: () => options.baseUrl(),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

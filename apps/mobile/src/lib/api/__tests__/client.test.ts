import type { ApiError } from '../api-error';
import { type ApiClientOptions, createApiClient, type Session } from '../client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const expired = () =>
  json(401, { error: { code: 'INVALID_TOKEN', message: 'expired', request_id: 'r1' } });

/**
 * An in-process stand-in for the API's token rules: access tokens are valid only after the latest
 * refresh, and a refresh token works once (rotation), as the real API enforces.
 */
function fakeApi(opts: { refreshFails?: boolean; refreshDelayMs?: number } = {}) {
  let valid = 'access-0';
  let refreshToken = 'refresh-0';
  let generation = 0;
  const calls = { refresh: 0, me: 0 };
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (url.endsWith('/auth/refresh')) {
      calls.refresh++;
      await new Promise((r) => setTimeout(r, opts.refreshDelayMs ?? 5));
      const body = JSON.parse(String(init?.body));
      if (opts.refreshFails || body.refresh_token !== refreshToken)
        return json(401, { error: { code: 'INVALID_REFRESH_TOKEN', message: 'revoked' } });
      generation++;
      valid = `access-${generation}`;
      refreshToken = `refresh-${generation}`;
      return json(200, {
        access_token: valid,
        refresh_token: refreshToken,
        token_type: 'Bearer',
        expires_in: 900,
      });
    }
    calls.me++;
    if (headers.authorization !== `Bearer ${valid}`) return expired();
    return json(200, { ok: true, token: valid });
  };
  return {
    fetchImpl,
    calls,
    expireAccess: () => {
      valid = 'rotated-away';
    },
  };
}

function client(server: ReturnType<typeof fakeApi>, extra: Partial<ApiClientOptions> = {}) {
  let session: Session | null = { accessToken: 'access-0', refreshToken: 'refresh-0' };
  const ended = jest.fn();
  const api = createApiClient({
    baseUrl: () => 'http://api.test',
    fetch: server.fetchImpl,
    session: { get: () => session, set: (s) => (session = s) },
    onSessionEnded: ended,
    retryDelayMs: () => 1,
    ...extra,
  });
  return { api, ended, session: () => session };
}

describe('api client', () => {
  it('sends the access token and returns the parsed body', async () => {
    const server = fakeApi();
    const { api } = client(server);
    await expect(api.get('/users/me')).resolves.toEqual({ ok: true, token: 'access-0' });
    expect(server.calls.refresh).toBe(0);
  });

  it('refreshes once for many concurrent 401s, then retries each request', async () => {
    const server = fakeApi({ refreshDelayMs: 20 });
    const { api, session } = client(server);
    server.expireAccess();
    const results = await Promise.all(Array.from({ length: 8 }, () => api.get('/users/me')));
    expect(server.calls.refresh).toBe(1);
    expect(results.every((r) => (r as { token: string }).token === 'access-1')).toBe(true);
    expect(session()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('a request whose 401 arrives after the refresh finished uses the new token, no second refresh', async () => {
    const server = fakeApi();
    const { api } = client(server);
    server.expireAccess();
    await api.get('/users/me');
    // The access token that failed is no longer the current one: reuse the fresh pair.
    await expect(api.token('access-0')).resolves.toBe('access-1');
    expect(server.calls.refresh).toBe(1);
  });

  it('signs out when the refresh is refused, and reports the original error', async () => {
    const server = fakeApi({ refreshFails: true });
    const { api, ended, session } = client(server);
    server.expireAccess();
    const failures = await Promise.allSettled([api.get('/users/me'), api.get('/users/me')]);
    expect(failures.every((f) => f.status === 'rejected')).toBe(true);
    expect((failures[0] as PromiseRejectedResult).reason.code).toBe('INVALID_TOKEN');
    expect(server.calls.refresh).toBe(1);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(session()).toBeNull();
  });

  it('retries an idempotent request after a network error, but not a POST', async () => {
    let attempts = 0;
    const flaky: typeof fetch = async () => {
      attempts++;
      if (attempts < 3) throw new TypeError('Network request failed');
      return json(200, { ok: true });
    };
    const onNetwork = jest.fn();
    const { api } = client(fakeApi(), { fetch: flaky, onNetwork });
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
    expect(attempts).toBe(3);
    expect(onNetwork).toHaveBeenLastCalledWith(true);

    attempts = 0;
    await expect(api.post('/x', { body: {} })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(attempts).toBe(1);
    expect(onNetwork).toHaveBeenLastCalledWith(false);
  });

  it('turns an error body into an ApiError with the code and field errors', async () => {
    const failing: typeof fetch = async () =>
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is invalid',
          details: [{ field: 'body.email', message: 'must be a valid e-mail address' }],
        },
      });
    const { api } = client(fakeApi(), { fetch: failing });
    const err = (await api
      .post('/auth/register', { body: {}, auth: false })
      .catch((e) => e)) as ApiError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.status).toBe(400);
    expect(err.fieldErrors()).toEqual({ email: 'must be a valid e-mail address' });
  });
});

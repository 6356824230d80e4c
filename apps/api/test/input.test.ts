import { beforeAll, describe, expect, it } from 'vitest';
import { assertError, bearer, forEachBackend, PASSWORD, register, useApp } from './support/app.ts';

interface Endpoint {
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  auth: boolean;
  valid: Record<string, unknown>;
  /** A field and a value of the wrong type. */
  wrongType: Record<string, unknown>;
  /** The valid body with a required field removed, or an update with nothing to change. */
  missing: Record<string, unknown>;
}

const endpoints: Endpoint[] = [
  {
    method: 'POST',
    url: '/api/v1/auth/register',
    auth: false,
    valid: { email: 'shape@example.com', password: PASSWORD },
    wrongType: { email: ['a@b.c'], password: 12345678 },
    missing: { email: 'shape@example.com' },
  },
  {
    method: 'POST',
    url: '/api/v1/auth/login',
    auth: false,
    valid: { email: 'shape@example.com', password: PASSWORD },
    wrongType: { email: 'shape@example.com', password: { $ne: '' } },
    missing: { password: PASSWORD },
  },
  {
    method: 'POST',
    url: '/api/v1/auth/refresh',
    auth: false,
    valid: { refresh_token: 'x' },
    wrongType: { refresh_token: 42 },
    missing: {},
  },
  {
    method: 'POST',
    url: '/api/v1/auth/logout',
    auth: false,
    valid: { refresh_token: 'x' },
    wrongType: { refresh_token: null },
    missing: {},
  },
  {
    method: 'POST',
    url: '/api/v1/auth/forgot-password',
    auth: false,
    valid: { email: 'shape@example.com' },
    wrongType: { email: true },
    missing: {},
  },
  {
    method: 'POST',
    url: '/api/v1/auth/reset-password',
    auth: false,
    valid: { token: 'abc', password: PASSWORD },
    wrongType: { token: 1, password: PASSWORD },
    missing: { token: 'abc' },
  },
  {
    method: 'PUT',
    url: '/api/v1/users/me',
    auth: true,
    valid: { full_name: 'Shape' },
    wrongType: { settings: 'dark' },
    missing: {},
  },
  {
    method: 'DELETE',
    url: '/api/v1/users/me',
    auth: true,
    valid: { password: 'wrong-on-purpose' },
    wrongType: { password: 123 },
    missing: {},
  },
];

forEachBackend((backend) => {
  const ctx = useApp(backend, { BODY_LIMIT: '4096' });
  let token = '';

  beforeAll(async () => {
    token = (await register(ctx.app)).access;
  });

  for (const e of endpoints) {
    describe(`${e.method} ${e.url}`, () => {
      const send = (body: string | undefined, contentType?: string) =>
        ctx.app.inject({
          method: e.method,
          url: e.url,
          headers: {
            ...(e.auth ? bearer(token) : {}),
            ...(contentType ? { 'content-type': contentType } : {}),
          },
          ...(body === undefined ? {} : { payload: body }),
        });
      const json = 'application/json';

      it('wrong types: 400 VALIDATION_FAILED', async () => {
        assertError(await send(JSON.stringify(e.wrongType), json), 400, 'VALIDATION_FAILED');
      });
      // Every endpoint names a body that must fail: a required field left out, or (nothing being
      // required) an empty object where the endpoint needs at least one field.
      it('missing fields: 400', async () => {
        assertError(await send(JSON.stringify(e.missing), json), 400, 'VALIDATION_FAILED');
      });
      it('extra fields: 400', async () => {
        const res = await send(JSON.stringify({ ...e.valid, is_admin: true }), json);
        assertError(res, 400, 'VALIDATION_FAILED');
        expect(res.body).toContain('is_admin');
      });
      it('not an object: 400', async () => {
        for (const body of ['[]', '"text"', '42', 'null']) {
          assertError(await send(body, json), 400);
        }
      });
      it('malformed JSON: 400 MALFORMED_JSON', async () => {
        assertError(await send('{"email": ', json), 400, 'MALFORMED_JSON');
        assertError(await send("{'a': 1}", json), 400, 'MALFORMED_JSON');
      });
      it('empty or absent body: 400', async () => {
        assertError(await send('', json), 400);
        assertError(await send(undefined), 400);
      });
      it('oversized body: 413 PAYLOAD_TOO_LARGE', async () => {
        const big = JSON.stringify({ ...e.valid, padding: 'x'.repeat(10_000) });
        assertError(await send(big, json), 413, 'PAYLOAD_TOO_LARGE');
      });
      it('wrong content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
        for (const type of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        ]) {
          assertError(await send(JSON.stringify(e.valid), type), 415, 'UNSUPPORTED_MEDIA_TYPE');
        }
      });
    });
  }

  describe('everything else', () => {
    it('unknown routes and methods: 404 in the error shape', async () => {
      const missing = await ctx.app.inject({ url: '/api/v1/nope' });
      assertError(missing, 404, 'NOT_FOUND');
      expect(missing.headers['x-request-id']).toBe(missing.json().error.request_id);
      assertError(
        await ctx.app.inject({ method: 'PATCH', url: '/api/v1/users/me' }),
        404,
        'NOT_FOUND',
      );
    });

    it('authenticated endpoints check the token before the body', async () => {
      const res = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/users/me',
        headers: { 'content-type': 'application/json' },
        payload: '{bad',
      });
      assertError(res, 401, 'UNAUTHORIZED');
    });

    it('an unexpected failure is a 500 with only the request id; the details go to the log', async () => {
      const users = ctx.app.services.users;
      const original = users.getMe;
      // Simulate a bug deep inside a service.
      users.getMe = async () => {
        throw new Error('secret internal detail: connection string postgres://u:p@db');
      };
      const res = await ctx.app
        .inject({
          url: '/api/v1/users/me',
          headers: { ...bearer(token), 'x-request-id': 'trace-me-12345' },
        })
        .finally(() => {
          users.getMe = original;
        });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body).toEqual({
        error: {
          code: 'INTERNAL_ERROR',
          message: expect.any(String),
          request_id: 'trace-me-12345',
        },
      });
      expect(res.body).not.toContain('secret');
      expect(res.headers['x-request-id']).toBe('trace-me-12345');
      const logged = ctx.logs.lines.find((l) => l.includes('secret internal detail'));
      expect(logged).toBeDefined();
      expect(JSON.parse(logged ?? '{}')).toMatchObject({ level: 50, reqId: 'trace-me-12345' });
      expect(res.headers['x-request-id']).toBe('trace-me-12345');
    });
  });
});

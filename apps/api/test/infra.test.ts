import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import {
  bearer,
  forEachBackend,
  LogCapture,
  PASSWORD,
  register,
  testConfig,
  useApp,
} from './support/app.ts';

forEachBackend((backend) => {
  const ctx = useApp(backend);

  describe('health', () => {
    it('/healthz answers while the process runs', async () => {
      const res = await ctx.app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('/readyz checks the database (Redis disabled without REDIS_URL)', async () => {
      const res = await ctx.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', redis: 'disabled', files: 'ok' },
      });
    });

    it('/readyz is 503 when the database does not answer', async () => {
      const broken = {
        ...ctx.handle,
        ping: async () => {
          throw new Error('down');
        },
      };
      const app = await buildApp(testConfig(), { db: broken, logStream: new LogCapture() });
      try {
        const res = await app.inject({ url: '/readyz' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({
          status: 'unavailable',
          checks: { database: 'failing', redis: 'disabled', files: 'ok' },
        });
      } finally {
        await app.close();
      }
    });
  });

  describe('metrics', () => {
    it('counts requests and latency by route and status, plus process metrics', async () => {
      const s = await register(ctx.app);
      await ctx.app.inject({ url: `/api/v1/users/me`, headers: bearer(s.access) });
      await ctx.app.inject({ url: `/api/v1/users/me` });
      const res = await ctx.app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.body).toMatch(
        /http_requests_total\{method="GET",route="\/api\/v1\/users\/me",status_code="200"\} 1/,
      );
      expect(res.body).toContain('status_code="401"');
      expect(res.body).toMatch(
        /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/users\/me"/,
      );
      expect(res.body).toContain('process_cpu_user_seconds_total');
      expect(res.body).toContain('nodejs_eventloop_lag_seconds');
    });
  });

  describe('OpenAPI and docs', () => {
    it('serves OpenAPI 3 generated from the schemas, with snake_case fields', async () => {
      const res = await ctx.app.inject({ url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const path of [
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/auth/forgot-password',
        '/api/v1/auth/reset-password',
        '/api/v1/users/me',
        '/api/v1/users/me/progress',
        '/healthz',
        '/readyz',
      ]) {
        expect(doc.paths, path).toHaveProperty([path]);
      }
      const login = doc.paths['/api/v1/auth/login'].post;
      const ok = login.responses['200'].content['application/json'].schema;
      expect(Object.keys(ok.properties)).toEqual(
        expect.arrayContaining([
          'access_token',
          'refresh_token',
          'expires_in',
          'token_type',
          'user',
        ]),
      );
      expect(
        doc.paths['/api/v1/users/me'].put.requestBody.content['application/json'].schema
          .additionalProperties,
      ).toBe(false);
    });

    it('serves the docs UI at /docs', async () => {
      const res = await ctx.app.inject({ url: '/docs/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body.toLowerCase()).toContain('swagger');
    });
  });

  describe('HTTP hygiene', () => {
    it('sends security headers and a request id', async () => {
      const res = await ctx.app.inject({ url: '/healthz' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const bogus = await ctx.app.inject({
        url: '/healthz',
        headers: { 'x-request-id': 'bad id\nwith newline' },
      });
      expect(bogus.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('allows CORS for configured origins only', async () => {
      const pre = await ctx.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/auth/login',
        headers: {
          origin: 'http://localhost:8081',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('http://localhost:8081');
      const evil = await ctx.app.inject({
        url: '/healthz',
        headers: { origin: 'https://evil.example' },
      });
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('never logs passwords, tokens or Authorization headers', async () => {
      const s = await register(ctx.app, undefined, 'a very secret passphrase 42');
      const login = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: s.email, password: 'a very secret passphrase 42' },
      });
      const { access_token, refresh_token } = login.json();
      await ctx.app.inject({ url: '/api/v1/users/me', headers: bearer(access_token) });
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refresh_token },
      });
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: s.email, password: PASSWORD },
      });
      const text = ctx.logs.text;
      expect(ctx.logs.lines.length).toBeGreaterThan(4);
      expect(text).toContain('"reqId"');
      for (const secret of [
        'a very secret passphrase 42',
        PASSWORD,
        access_token,
        refresh_token,
        s.access,
        s.refresh,
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text.toLowerCase()).not.toContain('bearer ');
    });
  });
});

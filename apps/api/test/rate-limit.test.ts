import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  PASSWORD,
  register,
  uniqueEmail,
  useApp,
} from './support/app.ts';

const redisUrl = process.env.TEST_REDIS_URL;

const login = (app: App, email: string, remoteAddress = '127.0.0.1', password = 'wrong password') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });

function expect429(res: Awaited<ReturnType<App['inject']>>) {
  assertError(res, 429, 'RATE_LIMITED');
  const retry = Number(res.headers['retry-after']);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(900);
}

function limitSuite(ctxApp: () => Promise<App>) {
  it('login: per e-mail+IP, then per IP, with Retry-After', async () => {
    const app = await ctxApp();
    const victim = await register(app);
    for (let i = 0; i < 3; i++)
      assertError(await login(app, victim.email), 401, 'INVALID_CREDENTIALS');
    // The fourth guess is refused before the password is even looked at, right one or not.
    expect429(await login(app, victim.email, '127.0.0.1', PASSWORD));
    // The same address from another IP has its own e-mail+IP budget.
    expect((await login(app, victim.email, '10.0.0.2', PASSWORD)).statusCode).toBe(200);
    // Spraying many addresses from one IP hits the per-IP limit (5).
    assertError(await login(app, uniqueEmail(), '127.0.0.1'), 401);
    expect429(await login(app, uniqueEmail(), '127.0.0.1'));
  });

  it('account endpoints: per IP', async () => {
    const app = await ctxApp();
    const ip = '10.9.9.9';
    const forgot = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/forgot-password',
        payload: { email: uniqueEmail() },
        remoteAddress: ip,
      });
    // One registration already counted from another IP; this IP has its own budget of 4.
    for (let i = 0; i < 4; i++) expect((await forgot()).statusCode).toBe(202);
    expect429(await forgot());
  });

  it('the rest of the API: per user', async () => {
    const app = await ctxApp();
    const a = await register(app, uniqueEmail(), PASSWORD);
    const b = await register(app, uniqueEmail(), PASSWORD);
    for (let i = 0; i < 6; i++) {
      expect(
        (await app.inject({ url: '/api/v1/users/me', headers: bearer(a.access) })).statusCode,
      ).toBe(200);
    }
    expect429(await app.inject({ url: '/api/v1/users/me', headers: bearer(a.access) }));
    expect(
      (await app.inject({ url: '/api/v1/users/me', headers: bearer(b.access) })).statusCode,
    ).toBe(200);
  });
}

const LIMITS = {
  RATE_LIMIT_LOGIN_EMAIL_MAX: '3',
  RATE_LIMIT_LOGIN_IP_MAX: '5',
  RATE_LIMIT_AUTH_IP_MAX: '4',
  RATE_LIMIT_USER_MAX: '6',
};

forEachBackend((backend) => {
  const ctx = useApp(backend);

  describe('in-memory store', () => {
    // A fresh app (fresh counters) per test.
    limitSuite(() => ctx.extraApp(LIMITS));
  });

  describe.skipIf(!redisUrl)('Redis store', () => {
    limitSuite(() => ctx.extraApp({ ...LIMITS, REDIS_URL: redisUrl ?? '' }));

    it('keys read <prefix><limit>:<subject>, without route placeholders', async () => {
      const prefix = `qt:${randomBytes(6).toString('hex')}:`;
      const app = await ctx.extraApp({
        ...LIMITS,
        REDIS_URL: redisUrl ?? '',
        RATE_LIMIT_PREFIX: prefix,
      });
      const s = await register(app);
      await app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) });
      await login(app, s.email, '10.1.2.3');
      const keys = await app.redis!.keys(`${prefix}*`);
      try {
        expect(keys.sort()).toEqual(
          expect.arrayContaining([
            `${prefix}authIp:127.0.0.1`,
            `${prefix}user:${s.userId}`,
            `${prefix}loginIp:10.1.2.3`,
            `${prefix}loginEmail:${s.email}|10.1.2.3`,
          ]),
        );
        for (const k of keys) expect(k).not.toContain('undefined');
      } finally {
        if (keys.length) await app.redis!.del(...keys);
      }
    });

    it('counters are shared by every instance using the same Redis', async () => {
      const shared = {
        ...LIMITS,
        REDIS_URL: redisUrl ?? '',
        RATE_LIMIT_PREFIX: `qt:${randomBytes(6).toString('hex')}:`,
      };
      const one = await ctx.extraApp(shared);
      const two = await ctx.extraApp(shared);
      const s = await register(one);
      assertError(await login(one, s.email), 401);
      assertError(await login(two, s.email), 401);
      assertError(await login(one, s.email), 401);
      expect429(await login(two, s.email, '127.0.0.1', PASSWORD));
      const ready = await one.inject({ url: '/readyz' });
      expect(ready.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', redis: 'ok', files: 'ok' },
      });
    });
  });
});

import { expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import {
  assertError,
  forEachBackend,
  mailedResetToken,
  PASSWORD,
  register,
  uniqueEmail,
  useApp,
} from '../support/app.ts';

type Res = Awaited<ReturnType<App['inject']>>;

function expect429(res: Res, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(429);
  assertError(res, 429, 'RATE_LIMITED');
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

// Brute force against the documented limits, at their default values (apps/api/README.md, "Rate
// limits"): login 5 per e-mail+IP and 50 per IP in 15 minutes; register, forgot-password and
// reset-password 30 per IP in 15 minutes. Each case uses its own client address.
forEachBackend((backend) => {
  const ctx = useApp(backend, {
    RUN_WORKER: 'false',
    SMTP_URL: '',
    RATE_LIMIT_LOGIN_EMAIL_MAX: '5',
    RATE_LIMIT_LOGIN_IP_MAX: '50',
    RATE_LIMIT_AUTH_IP_MAX: '30',
  });
  let ipCounter = 0;
  const freshIp = () => {
    ipCounter += 1;
    return `10.77.${ipCounter >> 8}.${ipCounter & 255}`;
  };
  const post = (url: string, payload: Record<string, unknown>, ip: string, headers = {}) =>
    ctx.app.inject({ method: 'POST', url, payload, remoteAddress: ip, headers });

  it('password guessing on one account: the sixth try is refused, right password or not', async () => {
    const ip = freshIp();
    const victim = await register(ctx.app);
    // Spelling the address differently does not buy more tries: it is normalised first.
    const spellings = [victim.email, victim.email.toUpperCase(), ` ${victim.email} `];
    for (let i = 0; i < 5; i += 1) {
      const res = await post(
        '/api/v1/auth/login',
        { email: spellings[i % 3], password: `guess ${i}` },
        ip,
      );
      assertError(res, 401, 'INVALID_CREDENTIALS');
    }
    expect429(
      await post('/api/v1/auth/login', { email: victim.email, password: PASSWORD }, ip),
      'right password after 5 wrong',
    );
    // A spoofed X-Forwarded-For is not a new client (TRUST_PROXY is off).
    expect429(
      await post('/api/v1/auth/login', { email: victim.email, password: PASSWORD }, ip, {
        'x-forwarded-for': freshIp(),
      }),
      'spoofed X-Forwarded-For',
    );
  });

  it('one address spraying many accounts: the 51st login is refused', async () => {
    const ip = freshIp();
    for (let i = 0; i < 50; i += 1) {
      const res = await post('/api/v1/auth/login', { email: uniqueEmail(), password: 'x' }, ip);
      assertError(res, 401, 'INVALID_CREDENTIALS');
    }
    expect429(
      await post('/api/v1/auth/login', { email: uniqueEmail(), password: 'x' }, ip),
      '51st login',
    );
  }, 120_000);

  it('reset-token guessing: 30 tries per address, then refused even for the right token', async () => {
    const victim = await register(ctx.app);
    const token = await mailedResetToken(ctx.app, ctx.db, victim.email, freshIp());
    const ip = freshIp();
    for (let i = 0; i < 30; i += 1) {
      // Guesses shaped like real tokens (43 base64url characters).
      const guess = `${token.slice(0, -6)}${String(i).padStart(6, 'A')}`;
      assertError(
        await post('/api/v1/auth/reset-password', { token: guess, password: `${PASSWORD}!` }, ip),
        400,
        'INVALID_RESET_TOKEN',
      );
    }
    expect429(
      await post('/api/v1/auth/reset-password', { token, password: `${PASSWORD}!` }, ip),
      'right token after 30 guesses',
    );
    // The token itself was not burnt by the guesses: from elsewhere it still works once.
    const ok = await post(
      '/api/v1/auth/reset-password',
      { token, password: `${PASSWORD}!` },
      freshIp(),
    );
    expect(ok.statusCode, ok.body).toBe(204);
  }, 120_000);

  it('forgot-password flooding: 30 per address, then refused', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i += 1) {
      const res = await post('/api/v1/auth/forgot-password', { email: uniqueEmail() }, ip);
      expect(res.statusCode).toBe(202);
    }
    expect429(
      await post('/api/v1/auth/forgot-password', { email: uniqueEmail() }, ip),
      '31st forgot-password',
    );
  });
});

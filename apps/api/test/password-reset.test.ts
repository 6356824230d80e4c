import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, passwordResetTokens } from '../src/db/schema.ts';
import {
  assertError,
  forEachBackend,
  PASSWORD,
  register,
  uniqueEmail,
  useApp,
} from './support/app.ts';
import { startSmtp } from './support/smtp.ts';

const smtp = await startSmtp();
afterAll(() => smtp.close());

const NEW_PASSWORD = 'a brand new passphrase';
const post = (
  url: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) => ({
  method: 'POST' as const,
  url,
  payload,
  headers,
});

function tokenFrom(text: string): string {
  const m = /https:\/\/app\.quento\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no reset link in mail:\n${text}`);
  return m[1];
}

forEachBackend((backend) => {
  const ctx = useApp(backend, { SMTP_URL: smtp.url, MAIL_FROM: 'Quento <no-reply@quento.test>' });

  async function requestReset(email: string, headers: Record<string, string> = {}) {
    const res = await ctx.app.inject(post('/api/v1/auth/forgot-password', { email }, headers));
    await ctx.app.services.mailer.drain();
    return res;
  }

  it('answers the same for known and unknown addresses', async () => {
    const s = await register(ctx.app);
    const known = await requestReset(s.email);
    const unknown = await requestReset(uniqueEmail('ghost'));
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(smtp.mails.filter((m) => m.to.some((t) => t.startsWith('ghost-')))).toHaveLength(0);
  });

  // Timing (the answer and the request after it) is tested statistically, without a timed
  // threshold, in test/security/reset-timing.test.ts.

  it('mails a link built from APP_BASE_URL, never from the Host header', async () => {
    const s = await register(ctx.app);
    await requestReset(s.email, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    const mail = await smtp.waitFor(s.email);
    expect(mail.raw).toContain('no-reply@quento.test');
    expect(mail.text).not.toContain('evil.example');
    expect(tokenFrom(mail.text)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, s.email));
    expect(row?.status).toBe('sent');
  });

  it('resets once, signs out every session, and the new password works', async () => {
    const s = await register(ctx.app);
    const second = await ctx.app.inject(
      post('/api/v1/auth/login', { email: s.email, password: PASSWORD }),
    );
    await requestReset(s.email);
    const token = tokenFrom((await smtp.waitFor(s.email)).text);
    const [stored] = await ctx.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, s.userId));
    // Stored hashed, valid 30 minutes.
    expect(stored?.tokenHash).not.toBe(token);
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const minutes = ((stored?.expiresAt.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);

    const res = await ctx.app.inject(
      post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD }),
    );
    expect(res.statusCode, res.body).toBe(204);

    for (const refresh of [s.refresh, second.json().refresh_token]) {
      assertError(
        await ctx.app.inject(post('/api/v1/auth/refresh', { refresh_token: refresh })),
        401,
        'INVALID_REFRESH_TOKEN',
      );
    }
    assertError(
      await ctx.app.inject(post('/api/v1/auth/login', { email: s.email, password: PASSWORD })),
      401,
      'INVALID_CREDENTIALS',
    );
    const login = await ctx.app.inject(
      post('/api/v1/auth/login', { email: s.email, password: NEW_PASSWORD }),
    );
    expect(login.statusCode).toBe(200);
    // Single use.
    assertError(
      await ctx.app.inject(
        post('/api/v1/auth/reset-password', { token, password: 'yet another one' }),
      ),
      400,
      'INVALID_RESET_TOKEN',
    );
  });

  it('refuses an expired token, an unknown token, and a too-short password', async () => {
    const s = await register(ctx.app);
    await requestReset(s.email);
    const token = tokenFrom((await smtp.waitFor(s.email)).text);
    assertError(
      await ctx.app.inject(post('/api/v1/auth/reset-password', { token, password: 'short' })),
      400,
      'VALIDATION_FAILED',
    );
    await ctx.db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.userId, s.userId));
    assertError(
      await ctx.app.inject(post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD })),
      400,
      'INVALID_RESET_TOKEN',
    );
    assertError(
      await ctx.app.inject(
        post('/api/v1/auth/reset-password', { token: 'nope', password: NEW_PASSWORD }),
      ),
      400,
      'INVALID_RESET_TOKEN',
    );
  });

  describe('without SMTP', () => {
    let app: Awaited<ReturnType<typeof ctx.extraApp>>;
    beforeAll(async () => {
      app = await ctx.extraApp({ SMTP_URL: '' });
    });

    it('keeps the mail in the outbox and the log', async () => {
      const s = await register(app);
      await app.inject(post('/api/v1/auth/forgot-password', { email: s.email }));
      await app.services.mailer.drain();
      const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, s.email));
      expect(row?.status).toBe('logged');
      expect(row?.textBody).toContain('https://app.quento.test/reset-password?token=');
    });
  });
});

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { refreshTokenFamilies } from '../../src/db/schema.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  mailedResetToken,
  newChatSession,
  PASSWORD,
  register,
  type Session,
  uniqueEmail,
  useApp,
} from '../support/app.ts';
import { watch } from '../support/ws.ts';

const redisUrl = process.env.TEST_REDIS_URL;

const refresh = (app: App, token: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: token } });
const me = (app: App, access: string) =>
  app.inject({ url: '/api/v1/users/me', headers: bearer(access) });

// Token replay and races. No grace window here: a rotated refresh token presented again is a
// replay, full stop (the grace window for lost responses is tested in auth.test.ts).
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', SMTP_URL: '', REFRESH_REUSE_GRACE: '0' });

  const familyOf = async (s: Session) =>
    ctx.db.select().from(refreshTokenFamilies).where(eq(refreshTokenFamilies.userId, s.userId));

  it('a refresh token used twice in a row: the second use revokes the family', async () => {
    const s = await register(ctx.app);
    const first = await refresh(ctx.app, s.refresh);
    expect(first.statusCode, first.body).toBe(200);
    assertError(await refresh(ctx.app, s.refresh), 401, 'INVALID_REFRESH_TOKEN');
    // The successor the legitimate client (or the thief) holds is dead too.
    assertError(await refresh(ctx.app, first.json().refresh_token), 401, 'INVALID_REFRESH_TOKEN');
    const [family] = await familyOf(s);
    expect(family?.revokedReason).toBe('reuse');
    // ...and so is every access token minted from the family: the thief's included.
    assertError(await me(ctx.app, first.json().access_token), 401, 'INVALID_TOKEN');
  });

  it('the same refresh token raced: exactly one rotation wins, the replays revoke the family', async () => {
    const s = await register(ctx.app);
    const results = await Promise.all(Array.from({ length: 6 }, () => refresh(ctx.app, s.refresh)));
    const won = results.filter((r) => r.statusCode === 200);
    expect(won, results.map((r) => `${r.statusCode} ${r.body}`).join('\n')).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200))
      assertError(r, 401, 'INVALID_REFRESH_TOKEN');
    assertError(await refresh(ctx.app, won[0]!.json().refresh_token), 401, 'INVALID_REFRESH_TOKEN');
    const [family] = await familyOf(s);
    expect(family?.revokedReason).toBe('reuse');
  });

  it('a replay in one session leaves the user’s other sessions signed in', async () => {
    const s = await register(ctx.app);
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: s.email, password: PASSWORD },
    });
    await refresh(ctx.app, s.refresh);
    assertError(await refresh(ctx.app, s.refresh), 401, 'INVALID_REFRESH_TOKEN');
    // The other device's refresh token still rotates, and gives a working access token.
    const again = await refresh(ctx.app, other.json().refresh_token);
    expect(again.statusCode, again.body).toBe(200);
    expect((await me(ctx.app, again.json().access_token)).statusCode).toBe(200);
  });

  it('concurrent registrations with one address, in any case: one 201, the rest 409, no 500', async () => {
    const email = uniqueEmail('race');
    const spellings = [email, email.toUpperCase(), ` ${email}`, email, email.toUpperCase()];
    const results = await Promise.all(
      spellings.map((e) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: { email: e, password: PASSWORD },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) assertError(r, 409, 'EMAIL_TAKEN');
  });

  it('a reset token works once, also when raced', async () => {
    const s = await register(ctx.app);
    const token = await mailedResetToken(ctx.app, ctx.db, s.email);
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/reset-password',
          payload: { token, password: `${PASSWORD} ${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 204)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 204))
      assertError(r, 400, 'INVALID_RESET_TOKEN');
    assertError(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/reset-password',
        payload: { token, password: `${PASSWORD} again` },
      }),
      400,
      'INVALID_RESET_TOKEN',
    );
  });

  it('after account deletion the refresh token is refused too', async () => {
    const s = await register(ctx.app);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: bearer(s.access),
      payload: { password: s.password },
    });
    expect(del.statusCode).toBe(204);
    assertError(await refresh(ctx.app, s.refresh), 401, 'INVALID_REFRESH_TOKEN');
  });

  describe('a socket opened before the token was revoked', () => {
    const openChat = async (s: Session) => {
      const id = await newChatSession(ctx.app, s);
      if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
      const socket = watch(`${base}/ws/chat/${id}`, s.access, 'protocol', 20_000);
      await socket.first; // `ready`: authenticated and subscribed
      return socket;
    };
    const analysisSocket = async (s: Session) => {
      if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
      return watch(`${base}/ws/analysis/${randomUUID()}`, s.access, 'protocol', 20_000);
    };

    it('logout closes the open chat socket with 4401', async () => {
      const s = await register(ctx.app);
      const socket = await openChat(s);
      const out = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        payload: { refresh_token: s.refresh },
      });
      expect(out.statusCode).toBe(204);
      expect((await socket.done).code).toBe(4401);
    });

    it('a password reset closes the open chat socket with 4401', async () => {
      const s = await register(ctx.app);
      const socket = await openChat(s);
      const token = await mailedResetToken(ctx.app, ctx.db, s.email);
      const reset = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/reset-password',
        payload: { token, password: `${PASSWORD}!` },
      });
      expect(reset.statusCode).toBe(204);
      expect((await socket.done).code).toBe(4401);
    });

    it('a revoked token cannot open the analysis socket', async () => {
      const s = await register(ctx.app);
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        payload: { refresh_token: s.refresh },
      });
      expect((await (await analysisSocket(s)).done).code).toBe(4401);
    });
  });

  describe.skipIf(!redisUrl)('several instances (Redis)', () => {
    it('a password reset and an account deletion on one instance are refused on another', async () => {
      const one = await ctx.extraApp({ REDIS_URL: redisUrl ?? '' });
      const two = await ctx.extraApp({ REDIS_URL: redisUrl ?? '' });
      const a = await register(one);
      const b = await register(one);
      expect((await me(two, a.access)).statusCode).toBe(200); // two caches both versions
      expect((await me(two, b.access)).statusCode).toBe(200);
      let heard = 0;
      let both!: () => void;
      const done = new Promise<void>((resolve) => {
        both = resolve;
      });
      // Listening after `two` itself, so when this fires, `two` has taken the news in.
      await two.bus.subscribe(two.tokenVersions.channel, () => {
        heard += 1;
        if (heard === 2) both();
      });
      const token = await mailedResetToken(one, ctx.db, a.email);
      const reset = await one.inject({
        method: 'POST',
        url: '/api/v1/auth/reset-password',
        payload: { token, password: `${PASSWORD}!` },
      });
      expect(reset.statusCode).toBe(204);
      const del = await one.inject({
        method: 'DELETE',
        url: '/api/v1/users/me',
        headers: bearer(b.access),
        payload: { password: b.password },
      });
      expect(del.statusCode).toBe(204);
      await done;
      assertError(await me(two, a.access), 401, 'INVALID_TOKEN');
      assertError(await me(two, b.access), 401, 'INVALID_TOKEN');
    });
  });
});

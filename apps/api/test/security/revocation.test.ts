import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { mailOutbox } from '../../src/db/schema.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  PASSWORD,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { follow } from '../support/ws.ts';

const redisUrl = process.env.TEST_REDIS_URL;

// Finding 12: an access token stops working when its account is deleted, its user logs out or
// resets the password, on every instance, without waiting for its 15 minutes to run out.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', SMTP_URL: '' });

  const me = (app: App, s: Session) =>
    app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) });
  const list = (app: App, s: Session) =>
    app.inject({ url: '/api/v1/analysis', headers: bearer(s.access) });
  const logout = (app: App, s: Session) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refresh_token: s.refresh },
    });

  it('logout: the access token is refused at once; a new login works', async () => {
    const s = await register(ctx.app);
    expect((await list(ctx.app, s)).statusCode).toBe(200);
    expect((await logout(ctx.app, s)).statusCode).toBe(204);
    assertError(await me(ctx.app, s), 401, 'INVALID_TOKEN');
    assertError(await list(ctx.app, s), 401, 'INVALID_TOKEN');
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: s.email, password: s.password },
    });
    expect(again.statusCode).toBe(200);
    const fresh = { ...s, access: again.json().access_token };
    expect((await me(ctx.app, fresh)).statusCode).toBe(200);
    // A refresh gives a token of the current version.
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: again.json().refresh_token },
    });
    expect((await me(ctx.app, { ...s, access: refreshed.json().access_token })).statusCode).toBe(
      200,
    );
  });

  it('password reset: every access token of the account is refused', async () => {
    const s = await register(ctx.app);
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/forgot-password',
      payload: { email: s.email },
    });
    await ctx.app.services.mailer.drain();
    const [mail] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, s.email));
    const token = /token=([\w-]+)/.exec(mail!.textBody)![1];
    const reset = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/reset-password',
      payload: { token, password: `${PASSWORD}!` },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    assertError(await me(ctx.app, s), 401, 'INVALID_TOKEN');
  });

  it('account deletion: the token is refused on every route and socket', async () => {
    const s = await register(ctx.app);
    const session = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(s.access),
        payload: {},
      })
    ).json().id;
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: bearer(s.access),
      payload: { password: s.password },
    });
    expect(del.statusCode).toBe(204);
    assertError(await list(ctx.app, s), 401, 'INVALID_TOKEN');
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    expect((await follow(`${base}/ws/chat/${session}`, s.access, 'protocol', 10_000)).code).toBe(
      4401,
    );
  });

  describe.skipIf(!redisUrl)('several instances (Redis)', () => {
    it('a logout on one instance is refused on another', async () => {
      const one = await ctx.extraApp({ REDIS_URL: redisUrl ?? '', RUN_WORKER: 'false' });
      const two = await ctx.extraApp({ REDIS_URL: redisUrl ?? '', RUN_WORKER: 'false' });
      const s = await register(one);
      expect((await me(two, s)).statusCode).toBe(200); // two caches the current version
      let heardIt!: () => void;
      const heard = new Promise<void>((resolve) => {
        heardIt = resolve;
      });
      // Listening after `two` itself, so when this fires, `two` has taken the news in.
      await two.bus.subscribe(two.tokenVersions.channel, () => heardIt());
      expect((await logout(one, s)).statusCode).toBe(204);
      await heard;
      assertError(await me(two, s), 401, 'INVALID_TOKEN');
    });
  });
});

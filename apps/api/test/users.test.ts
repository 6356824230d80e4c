import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import {
  actionItems,
  analyses,
  businessProfiles,
  conversations,
  mailOutbox,
  messages,
  passwordResetTokens,
  refreshTokenFamilies,
  strategies,
  users,
} from '../src/db/schema.ts';
import { assertError, bearer, forEachBackend, PASSWORD, register, useApp } from './support/app.ts';

// node-postgres returns { rows }, PGlite returns { rows } too, but typed differently.
function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}

async function seedEverything(db: Database, userId: string) {
  const [conv] = await db.insert(conversations).values({ userId, title: 'Core story' }).returning();
  await db
    .insert(messages)
    .values({ conversationId: conv!.id, role: 'user', content: 'We bake bread' });
  const [a1] = await db
    .insert(analyses)
    .values({
      userId,
      conversationId: conv!.id,
      websiteUrl: 'https://bakery.example',
      status: 'completed',
    })
    .returning();
  await db.insert(analyses).values({
    userId,
    status: 'completed',
    results: { comparison: { previous: a1!.id } },
  });
  const [strategy] = await db
    .insert(strategies)
    .values({ userId, analysisId: a1!.id, title: 'Grow locally' })
    .returning();
  await db.insert(actionItems).values([
    { strategyId: strategy!.id, title: 'Add meta descriptions', status: 'completed' },
    { strategyId: strategy!.id, title: 'Claim the map listing' },
  ]);
  await db.insert(businessProfiles).values({
    userId,
    name: 'Crumb & Co',
    offering: 'Sourdough',
    audience: 'Neighbours',
    goals: ['more walk-ins'],
  });
  await db
    .insert(mailOutbox)
    .values({ userId, toAddress: 'x@example.com', subject: 's', textBody: 'b' });
}

forEachBackend((backend) => {
  const ctx = useApp(backend);
  const me = (token: string) => ctx.app.inject({ url: '/api/v1/users/me', headers: bearer(token) });

  describe('GET /users/me', () => {
    it('returns the snake_case profile and never the password hash', async () => {
      const s = await register(ctx.app);
      const res = await me(s.access);
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json()).sort()).toEqual(
        [
          'company_name',
          'created_at',
          'current_ring',
          'email',
          'full_name',
          'id',
          'is_active',
          'last_login_at',
          'settings',
          'updated_at',
        ].sort(),
      );
      expect(res.body).not.toContain('argon2');
    });
  });

  describe('PUT /users/me', () => {
    const put = (token: string, payload: Record<string, unknown>) =>
      ctx.app.inject({ method: 'PUT', url: '/api/v1/users/me', headers: bearer(token), payload });

    it('updates full_name, company_name and settings', async () => {
      const s = await register(ctx.app);
      const res = await put(s.access, {
        full_name: 'Grace Hopper',
        company_name: 'Compilers Inc',
        settings: { theme: 'dark', notifications: { email: false } },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        full_name: 'Grace Hopper',
        company_name: 'Compilers Inc',
        settings: { theme: 'dark', notifications: { email: false } },
      });
      const cleared = await put(s.access, { company_name: null });
      expect(cleared.json().company_name).toBeNull();
      expect(cleared.json().full_name).toBe('Grace Hopper');
      expect((await me(s.access)).json().company_name).toBeNull();
    });

    it('rejects any other field with 400 and changes nothing', async () => {
      const s = await register(ctx.app);
      for (const payload of [
        { email: 'new@example.com' },
        { is_active: false },
        { current_ring: 5 },
        { password_hash: 'x' },
        { full_name: 'ok', id: '00000000-0000-0000-0000-000000000000' },
      ]) {
        assertError(await put(s.access, payload), 400, 'VALIDATION_FAILED');
      }
      const after = (await me(s.access)).json();
      expect(after.email).toBe(s.email);
      expect(after.full_name).toBeNull();
      expect(after.current_ring).toBe(1);
    });
  });

  describe('GET /users/me/progress', () => {
    it('starts with five rings, nothing done', async () => {
      const s = await register(ctx.app);
      const res = await ctx.app.inject({
        url: '/api/v1/users/me/progress',
        headers: bearer(s.access),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.current_ring).toBe(1);
      expect(body.rings.map((r: { key: string }) => r.key)).toEqual([
        'core',
        'discover',
        'plan',
        'execute',
        'optimize',
      ]);
      for (const r of body.rings) expect(r.state).toBe('not_started');
    });

    it('reflects the profile, analyses, strategy, action items and a compared re-analysis', async () => {
      const s = await register(ctx.app);
      await seedEverything(ctx.db, s.userId);
      const body = (
        await ctx.app.inject({ url: '/api/v1/users/me/progress', headers: bearer(s.access) })
      ).json();
      const byKey = Object.fromEntries(
        body.rings.map((r: { key: string; state: string; progress: number }) => [r.key, r]),
      );
      // 4 of the 6 required profile fields (competitors are optional for ring 1).
      expect(byKey.core).toMatchObject({ state: 'in_progress', progress: 0.67 });
      expect(byKey.discover).toMatchObject({ state: 'completed', progress: 1 });
      expect(byKey.plan).toMatchObject({ state: 'completed', progress: 1 });
      expect(byKey.execute).toMatchObject({ state: 'in_progress', progress: 0.5 });
      expect(byKey.optimize).toMatchObject({ state: 'completed', progress: 1 });
      expect(body.current_ring).toBe(1);
    });
  });

  describe('DELETE /users/me', () => {
    const del = (token: string, payload: Record<string, unknown>) =>
      ctx.app.inject({
        method: 'DELETE',
        url: '/api/v1/users/me',
        headers: bearer(token),
        payload,
      });

    it('needs the right password', async () => {
      const s = await register(ctx.app);
      assertError(await del(s.access, { password: 'not the password' }), 403, 'INVALID_PASSWORD');
      assertError(await del(s.access, {}), 400, 'VALIDATION_FAILED');
      expect((await me(s.access)).statusCode).toBe(200);
    });

    it('removes the user and everything the user owns, and ends every session', async () => {
      const keep = await register(ctx.app);
      await seedEverything(ctx.db, keep.userId);
      const s = await register(ctx.app);
      await seedEverything(ctx.db, s.userId);
      const login = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: s.email, password: PASSWORD },
      });
      const secondRefresh = login.json().refresh_token;
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/forgot-password',
        payload: { email: s.email },
      });
      await ctx.app.services.mailer.drain();

      const res = await del(s.access, { password: PASSWORD });
      expect(res.statusCode, res.body).toBe(204);

      const counts = async () => ({
        users: (await ctx.db.select({ n: count() }).from(users).where(eq(users.id, s.userId)))[0]
          ?.n,
        conversations: (
          await ctx.db
            .select({ n: count() })
            .from(conversations)
            .where(eq(conversations.userId, s.userId))
        )[0]?.n,
        analyses: (
          await ctx.db.select({ n: count() }).from(analyses).where(eq(analyses.userId, s.userId))
        )[0]?.n,
        strategies: (
          await ctx.db
            .select({ n: count() })
            .from(strategies)
            .where(eq(strategies.userId, s.userId))
        )[0]?.n,
        profiles: (
          await ctx.db
            .select({ n: count() })
            .from(businessProfiles)
            .where(eq(businessProfiles.userId, s.userId))
        )[0]?.n,
        families: (
          await ctx.db
            .select({ n: count() })
            .from(refreshTokenFamilies)
            .where(eq(refreshTokenFamilies.userId, s.userId))
        )[0]?.n,
        resets: (
          await ctx.db
            .select({ n: count() })
            .from(passwordResetTokens)
            .where(eq(passwordResetTokens.userId, s.userId))
        )[0]?.n,
        mail: (
          await ctx.db
            .select({ n: count() })
            .from(mailOutbox)
            .where(eq(mailOutbox.userId, s.userId))
        )[0]?.n,
      });
      expect(await counts()).toEqual({
        users: 0,
        conversations: 0,
        analyses: 0,
        strategies: 0,
        profiles: 0,
        families: 0,
        resets: 0,
        mail: 0,
      });
      // Children without a user column went with their parents: only the other user's remain.
      expect((await ctx.db.select({ n: count() }).from(messages))[0]?.n).toBeGreaterThanOrEqual(1);
      // Rows that hang off a parent (messages, action items, refresh tokens) have no orphan left.
      const orphans = await ctx.handle.db.execute(sql`
        select
          (select count(*) from messages m where not exists
            (select 1 from conversations c where c.id = m.conversation_id))::int as messages,
          (select count(*) from action_items a where not exists
            (select 1 from strategies s where s.id = a.strategy_id))::int as items,
          (select count(*) from refresh_tokens t where not exists
            (select 1 from refresh_token_families f where f.id = t.family_id))::int as tokens`);
      expect(rowsOf(orphans)[0]).toEqual({ messages: 0, items: 0, tokens: 0 });
      const [keptItems] = await ctx.db
        .select({ n: count() })
        .from(actionItems)
        .innerJoin(strategies, eq(strategies.id, actionItems.strategyId))
        .where(eq(strategies.userId, keep.userId));
      expect(keptItems?.n).toBe(2);

      // The access token is still signed, but the account is gone.
      assertError(await me(s.access), 401);
      const refreshed = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refresh_token: secondRefresh },
      });
      assertError(refreshed, 401, 'INVALID_REFRESH_TOKEN');
      const relogin = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: s.email, password: PASSWORD },
      });
      assertError(relogin, 401, 'INVALID_CREDENTIALS');
      // The other user is untouched.
      expect((await me(keep.access)).statusCode).toBe(200);
    });
  });
});

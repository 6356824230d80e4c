// What the hot read endpoints ask the database (bench/load.ts found them costly under load):
// statements counted at the driver, on both backends.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { analyses, businessProfiles, users } from '../../src/db/schema.ts';
import { bearer, forEachBackend, register, useApp } from '../support/app.ts';
import { statementsDuring } from '../support/db.ts';

/** The endpoint's own statements: the access token's version check belongs to authentication. */
async function endpointStatements(db: Database, fn: () => Promise<unknown>): Promise<string[]> {
  return (await statementsDuring(db, fn)).filter(
    (q) => !q.startsWith('select "token_version" from "users"'),
  );
}

forEachBackend((backend) => {
  const ctx = useApp(backend);
  const progress = (token: string) =>
    ctx.app.inject({ url: '/api/v1/users/me/progress', headers: bearer(token) });

  describe('GET /users/me/progress', () => {
    it('reads every fact in one statement and writes nothing when the ring did not move', async () => {
      const s = await register(ctx.app);
      let status = 0;
      const sql = await endpointStatements(ctx.db, async () => {
        status = (await progress(s.access)).statusCode;
      });
      expect(status).toBe(200);
      expect(sql).toHaveLength(1);
      expect(sql[0]).toMatch(/^select/i);
    });

    it('stores the current ring once when it moved', async () => {
      const s = await register(ctx.app);
      // Filled behind the service's back, so only the next read can notice the move.
      await ctx.db.insert(businessProfiles).values({
        userId: s.userId,
        name: 'Rise Bakery',
        offering: 'Sourdough bread',
        audience: 'People in Leeds',
        differentiators: ['Baked at dawn'],
        goals: ['More walk-ins'],
        websiteUrl: 'https://rise.example',
      });
      const first = await endpointStatements(ctx.db, () => progress(s.access));
      expect(first.filter((q) => /^update "users"/i.test(q))).toHaveLength(1);
      const [row] = await ctx.db
        .select({ ring: users.currentRing })
        .from(users)
        .where(eq(users.id, s.userId));
      expect(row?.ring).toBe(2);
      const again = await endpointStatements(ctx.db, () => progress(s.access));
      expect(again.filter((q) => /^update/i.test(q))).toEqual([]);
    });
  });

  describe('GET /analysis/{id}/status', () => {
    it('reads the row without its stored report', async () => {
      const s = await register(ctx.app);
      const [a] = await ctx.db
        .insert(analyses)
        .values({ userId: s.userId, websiteUrl: 'https://rise.example', status: 'running' })
        .returning();
      let body: Record<string, unknown> = {};
      const sql = await endpointStatements(ctx.db, async () => {
        const res = await ctx.app.inject({
          url: `/api/v1/analysis/${a!.id}/status`,
          headers: bearer(s.access),
        });
        expect(res.statusCode).toBe(200);
        body = res.json();
      });
      expect(body).toMatchObject({ id: a!.id, status: 'running', progress: 0 });
      expect(sql).toHaveLength(1);
      expect(sql[0]).not.toMatch(/"results"/);
    });
  });
});

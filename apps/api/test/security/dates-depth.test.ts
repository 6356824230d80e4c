import { beforeAll, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { seedPlan } from '../support/seed.ts';

// Finding 5: dates PostgreSQL cannot hold and JSON nested deep enough to overflow a recursive
// validator are refused at the schema.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', BODY_LIMIT: '1048576' });
  let s: Session;
  let strategyId: string;
  let actionId: string;

  beforeAll(async () => {
    s = await register(ctx.app);
    ({ strategyId, actionId } = await seedPlan(ctx.db, s.userId));
  });

  const setDue = (due_date: string, version: number) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/strategy/${strategyId}/actions`,
      headers: bearer(s.access),
      payload: { actions: [{ id: actionId, version, due_date }] },
    });

  it('due_date outside 1900-01-01..9999-12-31 is a 400; inside it is stored', async () => {
    for (const bad of ['0000-01-01', '0001-01-01', '1899-12-31', '2026-02-30']) {
      assertError(await setDue(bad, 1), 400, 'VALIDATION_FAILED');
    }
    for (const [i, ok] of ['1900-01-01', '9999-12-31', '2027-02-28'].entries()) {
      const res = await setDue(ok, i + 1);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().action_items[0].due_date).toBe(ok);
    }
  });

  it('settings nested 3,000 levels deep is a 400, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const arrays = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    for (const settings of [deep, arrays, `{"k":${arrays}}`]) {
      const res = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/users/me',
        headers: { ...bearer(s.access), 'content-type': 'application/json' },
        payload: `{"settings":${settings}}`,
      });
      assertError(res, 400);
    }
    expect(ctx.logs.text).not.toMatch(/"level":50/);
  });
});

import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionItems, analyses, conversations } from '../../src/db/schema.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { seedPlan } from '../support/seed.ts';
import { follow } from '../support/ws.ts';
import { fillPath, type Operation, operations, sample } from './support/openapi.ts';

// Cross-account access, driven by /openapi.json: every operation whose path names a resource is
// sent by Bob, with a valid body, for Alice's resource, and must answer 404 (not 403, which would
// tell Bob it exists) and change nothing. A new route with a path parameter is covered without a
// new test; one whose resource this file cannot name fails the coverage check.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', ALLOW_PRIVATE_NETWORKS: 'true' });
  let alice: Session;
  let bob: Session;
  let ops: Operation[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    alice = await register(ctx.app);
    bob = await register(ctx.app);
    ops = await operations(ctx.app);
    ids.chat = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(alice.access),
        payload: { title: 'Alice only' },
      })
    ).json().id;
    const analysis = (id: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/analysis',
        headers: bearer(alice.access),
        payload: { website_url: `http://127.0.0.1:9/${id}` },
      });
    ids.analysis = (await analysis('a')).json().id;
    ids.other = (await analysis('b')).json().id;
    const plan = await seedPlan(ctx.db, alice.userId, {
      strategy: 'Alice plan',
      action: 'Alice action',
    });
    ids.strategy = plan.strategyId;
    ids.action = plan.actionId;
  });

  /** Alice's id for each path parameter, by the resource the path names. */
  function aliceIds(path: string): Record<string, string> | undefined {
    const resource = path.split('/')[3];
    if (resource === 'analysis') return { id: ids.analysis!, other_id: ids.other! };
    if (resource === 'strategy') return { id: ids.strategy! };
    if (resource === 'chat') return { id: ids.chat! };
    return undefined;
  }
  // Body fields that must name Alice's things for the access check to be the only thing failing.
  const aliceField = (key: string) =>
    key === 'id' ? ids.action : key === 'analysis_id' ? ids.analysis : undefined;

  const withParams = () => ops.filter((o) => /\{\w+\}/.test(o.path));

  it('every operation with a path parameter is a resource this suite can name', () => {
    expect(withParams().length).toBeGreaterThan(10);
    for (const op of withParams()) expect(aliceIds(op.path), op.path).toBeDefined();
  });

  it("Bob gets 404 for every operation on Alice's resources, and they stay as they were", async () => {
    const tried: string[] = [];
    for (const op of withParams()) {
      const url = fillPath(op.path, aliceIds(op.path)!);
      const res = await ctx.app.inject({
        method: op.method as 'GET',
        url,
        headers: bearer(bob.access),
        ...(op.body ? { payload: sample(op.body, aliceField) as Record<string, unknown> } : {}),
      });
      assertError(res, 404, 'NOT_FOUND');
      tried.push(`${op.method} ${op.path}`);
    }
    expect(tried.length).toBe(withParams().length);
    const [conv] = await ctx.db.select().from(conversations).where(eq(conversations.id, ids.chat!));
    expect(conv?.status).toBe('active');
    const [a] = await ctx.db.select().from(analyses).where(eq(analyses.id, ids.analysis!));
    expect(a?.status).toBe('pending');
    const [act] = await ctx.db.select().from(actionItems).where(eq(actionItems.id, ids.action!));
    expect(act?.version).toBe(1);
  });

  it('Alice herself gets past the access check on the same requests (the 404s above are real)', async () => {
    for (const op of withParams().filter((o) => o.method === 'GET')) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: fillPath(op.path, aliceIds(op.path)!),
        headers: bearer(alice.access),
      });
      expect(res.statusCode, `${op.path} ${res.body.slice(0, 200)}`).not.toBe(404);
    }
  });

  it("body references to Alice's things are refused too (analysis_id, conversation_id)", async () => {
    const gen = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/strategy/generate',
      headers: bearer(bob.access),
      payload: { analysis_id: ids.analysis },
    });
    assertError(gen, 404, 'NOT_FOUND');
    const linked = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(bob.access),
      payload: { website_url: 'http://127.0.0.1:9/', conversation_id: ids.chat },
    });
    assertError(linked, 404, 'NOT_FOUND');
  });

  describe('WebSockets', () => {
    it("Bob's sockets to Alice's chat and analysis close with 4404", async () => {
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
      for (const path of [`/ws/chat/${ids.chat}`, `/ws/analysis/${ids.analysis}`]) {
        const t = await follow(`${base}${path}`, bob.access, 'protocol', 10_000);
        expect(t.code, path).toBe(4404);
        expect(JSON.stringify(t.messages)).not.toContain('Alice');
      }
    });
  });
});

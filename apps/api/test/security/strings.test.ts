import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  PASSWORD,
  register,
  type Session,
  uniqueEmail,
  useApp,
} from '../support/app.ts';
import { ChatSocket } from '../support/chat-ws.ts';
import { seedPlan } from '../support/seed.ts';

// Finding 1: a NUL byte or a lone surrogate in any string the contracts accept is a 400 at the
// schema, never a 500 from the database (PostgreSQL text cannot hold U+0000).
const BAD = ['a\u0000b', '\ud800', 'x\udc00y'];

forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false' });
  let s: Session;
  let sessionId: string;
  let strategyId: string;
  let actionId: string;

  beforeAll(async () => {
    s = await register(ctx.app);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    });
    sessionId = created.json().id;
    ({ strategyId, actionId } = await seedPlan(ctx.db, s.userId));
  });

  const send = (method: 'POST' | 'PUT', url: string, payload: unknown, auth = true) =>
    ctx.app.inject({
      method,
      url,
      headers: { 'content-type': 'application/json', ...(auth ? bearer(s.access) : {}) },
      payload: JSON.stringify(payload),
    });

  describe.each(BAD)('%j', (bad) => {
    it('register: full_name, company_name, e-mail and password', async () => {
      for (const body of [
        { email: uniqueEmail(), password: PASSWORD, full_name: bad },
        { email: uniqueEmail(), password: PASSWORD, company_name: bad },
        { email: `${bad}@example.com`, password: PASSWORD },
        { email: uniqueEmail(), password: `${PASSWORD}${bad}` },
      ]) {
        assertError(
          await send('POST', '/api/v1/auth/register', body, false),
          400,
          'VALIDATION_FAILED',
        );
      }
    });

    it('PUT /users/me: full_name, settings keys and values at any depth', async () => {
      for (const body of [
        { full_name: bad },
        { company_name: bad },
        { settings: { [bad]: 1 } },
        { settings: { theme: bad } },
        { settings: { a: [{ b: { [bad]: true } }] } },
        { settings: { a: ['ok', bad] } },
      ]) {
        assertError(await send('PUT', '/api/v1/users/me', body), 400, 'VALIDATION_FAILED');
      }
    });

    it('PUT /users/me/profile: every field', async () => {
      for (const body of [
        { name: bad },
        { offering: bad },
        { audience: bad },
        { differentiators: ['ok', bad] },
        { goals: [bad] },
        { website_url: `https://example.com/${bad}` },
        { competitors: [`https://c.example/${bad}`] },
      ]) {
        assertError(await send('PUT', '/api/v1/users/me/profile', body), 400, 'VALIDATION_FAILED');
      }
    });

    it('chat: session title and message content', async () => {
      assertError(
        await send('POST', '/api/v1/chat/sessions', { title: bad }),
        400,
        'VALIDATION_FAILED',
      );
      assertError(
        await send('POST', `/api/v1/chat/sessions/${sessionId}/messages`, { content: bad }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('action notes', async () => {
      const res = await send('PUT', `/api/v1/strategy/${strategyId}/actions`, {
        actions: [{ id: actionId, version: 1, notes: bad }],
      });
      assertError(res, 400, 'VALIDATION_FAILED');
    });

    it('analysis: website_url and competitors', async () => {
      for (const body of [
        { website_url: `https://example.com/${bad}` },
        { website_url: 'https://example.com', competitors: [`https://c.example/${bad}`] },
      ]) {
        assertError(await send('POST', '/api/v1/analysis', body), 400, 'VALIDATION_FAILED');
      }
    });
  });

  it('GET /analysis?site=a%00 is a 400', async () => {
    const res = await ctx.app.inject({
      url: '/api/v1/analysis?site=a%00',
      headers: bearer(s.access),
    });
    assertError(res, 400, 'VALIDATION_FAILED');
  });

  it('the chat WebSocket answers VALIDATION_FAILED and keeps the socket open', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (ctx.app.server.address() as AddressInfo).port;
    const ws = await ChatSocket.open(`ws://127.0.0.1:${port}/ws/chat/${sessionId}`, s.access);
    try {
      await ws.until((e) => e.type === 'ready');
      for (const bad of BAD) {
        const events = await ws.turn(bad);
        expect(events.at(-1)).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
      }
      const ok = await ws.turn('We are Rise Bakery');
      expect(ok.at(-1)?.type).toBe('final');
    } finally {
      await ws.close();
    }
  });

  it('nothing in the log at error level from these requests', () => {
    expect(ctx.logs.text).not.toMatch(/"level":50/);
  });
});

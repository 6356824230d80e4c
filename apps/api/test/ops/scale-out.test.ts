import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatSocket } from '../support/chat-ws.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { type FixtureSite, slowSite, startFixtureSite } from '../support/fixture-site.ts';
import {
  type Proc,
  processEnv,
  spawnProcess,
  startApi,
  stop,
  until,
} from '../support/processes.ts';
import { dropRedisKeys } from '../support/redis.ts';
import { watch } from '../support/ws.ts';

// Two API processes and one worker on PostgreSQL and Redis, as behind a load balancer without
// sticky sessions: each step below uses whichever instance a client happens to reach.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgres = backends.find((b) => b.name === 'postgres')!;
const PREFIX = `quento-scale-${randomBytes(4).toString('hex')}`;
const REPLY = 'Your bakery can win the morning crowd with a clear opening-hours page.';
const LOGIN_EMAIL_MAX = 4;

describe.skipIf(!postgres.available)('two API instances and a worker', () => {
  let db: Awaited<ReturnType<typeof postgres.open>>;
  let llm: FakeLlmServer;
  let site: FixtureSite;
  let a: Proc & { base: string };
  let b: Proc & { base: string };
  const procs: Proc[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await postgres.open();
    llm = await startFakeLlm({
      defaultReply: (req) => (req.stream ? { content: REPLY, tokenDelayMs: 5 } : { content: '{}' }),
    });
    site = await startFixtureSite(slowSite(6, 300));
    const env = {
      ...processEnv({
        databaseUrl: db.url!,
        redisUrl: REDIS_URL,
        prefix: PREFIX,
        dirs,
        llmBaseUrl: llm.baseUrl,
      }),
      RATE_LIMIT_LOGIN_EMAIL_MAX: String(LOGIN_EMAIL_MAX),
    };
    a = await startApi(env);
    procs.push(a);
    b = await startApi(env);
    procs.push(b);
    procs.push(spawnProcess('src/worker.ts', { ...env, RUN_WORKER: 'true' }));
  }, 120_000);
  afterAll(async () => {
    for (const p of procs) await stop(p, 'SIGKILL');
    await llm?.close();
    await site?.close();
    await db?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropRedisKeys(REDIS_URL, PREFIX);
  });

  const json = (token?: string) => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  async function account(base: string) {
    const email = `scale-${randomBytes(6).toString('hex')}@example.com`;
    const password = 'scale-out test password';
    const res = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    return { email, password, access: body.access_token, refresh: body.refresh_token };
  }

  it('analysis progress from the worker reaches a watcher on either instance', async () => {
    const { access } = await account(a.base);
    const res = await fetch(`${a.base}/api/v1/analysis`, {
      method: 'POST',
      headers: json(access),
      body: JSON.stringify({ website_url: site.url, competitors: [], options: { max_pages: 6 } }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const watchers = [a, b].map((api) =>
      watch(`${api.base.replace('http', 'ws')}/ws/analysis/${id}`, access, 'protocol', 90_000),
    );
    await Promise.all(watchers.map((w) => w.first));
    const [onA, onB] = await Promise.all(watchers.map((w) => w.done));
    for (const transcript of [onA!, onB!]) {
      const types = transcript.messages.map((m) => m.type);
      expect(types[0]).toBe('status');
      expect(types).toContain('progress');
      expect(types.slice(-2)).toEqual(['completed', 'result']);
      const result = transcript.messages.at(-1) as { analysis: { status: string; id: string } };
      expect(result.analysis).toMatchObject({ id, status: 'completed' });
    }
  }, 120_000);

  it('a chat session started on one instance streams on the other, and back', async () => {
    const { access } = await account(a.base);
    const created = await fetch(`${a.base}/api/v1/chat/sessions`, {
      method: 'POST',
      headers: json(access),
      body: JSON.stringify({}),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const api of [b, a]) {
      const socket = await ChatSocket.open(
        `${api.base.replace('http', 'ws')}/ws/chat/${id}`,
        access,
      );
      await socket.until((e) => e.type === 'ready');
      const turn = await socket.turn(`Hello from ${api === a ? 'A' : 'B'}`);
      expect(turn.filter((e) => e.type === 'token').length).toBeGreaterThan(0);
      expect(turn.at(-1)).toMatchObject({ type: 'final', content: REPLY, interrupted: false });
      await socket.close();
    }
    // Both turns are in the one session, whichever instance is asked.
    const history = await fetch(`${b.base}/api/v1/chat/sessions/${id}`, { headers: json(access) });
    expect(history.status).toBe(200);
    const { messages } = (await history.json()) as { messages: { items: { role: string }[] } };
    expect(messages.items.filter((m) => m.role === 'user')).toHaveLength(2);
    expect(messages.items.filter((m) => m.role === 'assistant')).toHaveLength(2);
  }, 60_000);

  it('the login limit counts attempts on both instances together', async () => {
    const { email } = await account(b.base);
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_EMAIL_MAX; i += 1) {
      const api = i % 2 === 0 ? a : b;
      const res = await fetch(`${api.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: json(),
        body: JSON.stringify({ email, password: 'not the password at all' }),
      });
      statuses.push(res.status);
    }
    // Four wrong passwords, alternating, then the fifth is refused wherever it lands.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  }, 60_000);

  it('a logout on one instance revokes the access token on the other', async () => {
    const s = await account(a.base);
    const me = (api: { base: string }) =>
      fetch(`${api.base}/api/v1/users/me`, { headers: json(s.access) });
    // B has seen (and cached) the token's version before the logout.
    expect((await me(b)).status).toBe(200);
    const out = await fetch(`${a.base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ refresh_token: s.refresh }),
    });
    expect(out.status).toBe(204);
    // At once over the event bus, not after the 30 s reload every instance falls back on.
    const refused = await until(
      'B to refuse the token',
      async () => {
        const res = await me(b);
        return res.status === 401 ? ((await res.json()) as { error: { code: string } }) : undefined;
      },
      10_000,
    );
    expect(refused.error.code).toBe('INVALID_TOKEN');
    expect((await me(a)).status).toBe(401);
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyses } from '../../src/db/schema.ts';
import { ChatSocket } from '../support/chat-ws.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { type FixtureSite, slowSite, startFixtureSite } from '../support/fixture-site.ts';
import {
  type Proc,
  processEnv,
  signUp,
  spawnProcess,
  startApi,
  stop,
  until,
} from '../support/processes.ts';
import { dropRedisKeys } from '../support/redis.ts';

// Real processes (src/main.ts, src/worker.ts) on PostgreSQL and Redis, stopped with SIGTERM.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgres = backends.find((b) => b.name === 'postgres')!;
const PREFIX = `quento-shutdown-${randomBytes(4).toString('hex')}`;
const REPLY = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

describe.skipIf(!postgres.available)('graceful shutdown on SIGTERM', () => {
  let db: Awaited<ReturnType<typeof postgres.open>>;
  let llm: FakeLlmServer;
  let site: FixtureSite;
  const procs: Proc[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await postgres.open();
    llm = await startFakeLlm();
    site = await startFixtureSite(slowSite());
  });
  afterAll(async () => {
    for (const p of procs) await stop(p, 'SIGKILL');
    await llm?.close();
    await site?.close();
    await db?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropRedisKeys(REDIS_URL, PREFIX);
  });

  const env = (extra: Record<string, string> = {}) => ({
    ...processEnv({
      databaseUrl: db.url!,
      redisUrl: REDIS_URL,
      prefix: PREFIX,
      dirs,
      llmBaseUrl: llm.baseUrl,
    }),
    ...extra,
  });

  async function api(extra: Record<string, string> = {}) {
    const proc = await startApi(env(extra));
    procs.push(proc);
    return proc;
  }

  async function chatSocket(base: string, token: string): Promise<ChatSocket> {
    const res = await fetch(`${base}/api/v1/chat/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const socket = await ChatSocket.open(`${base.replace('http', 'ws')}/ws/chat/${id}`, token);
    await socket.until((e) => e.type === 'ready');
    return socket;
  }

  /** An API with the given grace period, and a chat reply streaming from it (a token is out). */
  async function replyUnderWay(graceMs: string) {
    const a = await api({ SHUTDOWN_GRACE_MS: graceMs });
    const token = await signUp(a.base);
    const socket = await chatSocket(a.base, token);
    const from = socket.events.length;
    socket.send({ type: 'message', content: 'Tell me about my bakery' });
    await socket.until((e) => e.type === 'token', from);
    return { a, token, socket, from };
  }

  it('drains: readiness 503, new requests 503, the reply under way finishes, exit 0', async () => {
    // A streamed reply of 30 tokens, 100 ms apart: under way for seconds after the first token.
    llm.setDefault((req) =>
      req.stream ? { content: REPLY, tokenDelayMs: 100 } : { content: '{}' },
    );
    const { a, token, socket, from } = await replyUnderWay('60000');

    a.child.kill('SIGTERM');
    const ready = await until('readiness to turn 503', async () => {
      const res = await fetch(`${a.base}/readyz`);
      return res.status === 503 ? ((await res.json()) as Record<string, unknown>) : undefined;
    });
    expect(ready).toMatchObject({ status: 'unavailable', draining: true });
    // New work is refused in the standard error shape, and the connection is not kept.
    const refused = await fetch(`${a.base}/api/v1/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'SERVICE_UNAVAILABLE',
    );
    expect((await fetch(`${a.base}/healthz`)).status).toBe(200);

    // The reply that was under way streams to its end, then the process exits cleanly.
    const final = await socket.until((e) => e.type === 'final', from);
    expect(final).toMatchObject({ content: REPLY, interrupted: false });
    expect(await a.exited, a.output()).toBe(0);
    // It ended because nothing was left in flight, not because the grace period ran out.
    expect(a.output()).not.toContain('grace period over');
    expect(llm.requests.filter((r) => r.aborted)).toHaveLength(0);
  }, 120_000);

  it('past SHUTDOWN_GRACE_MS it cuts the stream, aborts the model call and still exits 0', async () => {
    llm.reset();
    // The model stalls after its first tokens: only the grace period ends this reply.
    llm.setDefault((req) =>
      req.stream ? { content: REPLY, tokenDelayMs: 60_000 } : { content: '{}' },
    );
    const { a, socket } = await replyUnderWay('1000');
    const streaming = llm.requests.filter((r) => r.body.stream === true);
    expect(streaming).toHaveLength(1);

    a.child.kill('SIGTERM');
    expect(await a.exited, a.output()).toBe(0);
    expect(a.output()).toContain('grace period over');
    await until('the socket to close', async () => socket.closed ?? undefined);
    await until('the model call to be aborted', async () =>
      streaming[0]!.aborted ? true : undefined,
    );
  }, 120_000);

  it('a worker stopped mid-analysis hands it back; another completes it once', async () => {
    const a = await api();
    const token = await signUp(a.base);
    const first = spawnProcess('src/worker.ts', env({ SHUTDOWN_GRACE_MS: '1000' }));
    procs.push(first);
    const res = await fetch(`${a.base}/api/v1/analysis`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ website_url: site.url, competitors: [], options: { max_pages: 13 } }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const row = async () =>
      (await db.handle.db.select().from(analyses).where(eq(analyses.id, id)))[0]!;
    await until('the first worker to be crawling', async () => {
      const r = await row();
      return r.status === 'running' && r.pagesDone >= 2 ? r : undefined;
    });

    expect(await stop(first, 'SIGTERM'), first.output()).toBe(0);
    // Handed back in good order: pending again, and that run is not counted as a failed one.
    expect(await row()).toMatchObject({ status: 'pending', attempts: 0, currentStep: 'queued' });
    const hitsAtStop = site.hits.get('/') ?? 0;

    const second = spawnProcess('src/worker.ts', env());
    procs.push(second);
    const done = await until(
      'completion on the second worker',
      async () => {
        const r = await row();
        if (r.status === 'failed') throw new Error(`analysis failed: ${r.errorMessage}`);
        return r.status === 'completed' ? r : undefined;
      },
      90_000,
    );
    expect(done.attempts).toBe(1);
    expect((done.results as { pages: unknown[] }).pages).toHaveLength(13);
    // Crawled once more from the start page, by the second worker only.
    expect(site.hits.get('/')).toBe(hitsAtStop + 1);
  }, 150_000);
});

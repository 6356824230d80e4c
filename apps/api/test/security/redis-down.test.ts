import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { analyses } from '../../src/db/schema.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server of this test's own, on its own port, so it can be killed and brought back. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

// Finding 9: with Redis gone the API keeps serving what does not need it, says so on /readyz,
// refuses to enqueue at once (503 SERVICE_UNAVAILABLE), lets rate-limited requests through (the
// limiter fails open, as documented), and recovers by itself when Redis is back.
forEachBackend((backend) => {
  let port: number;
  let dir: string;
  let redis: ChildProcess;
  const env = () => ({
    REDIS_URL: `redis://127.0.0.1:${port}`,
    RUN_WORKER: 'true',
    ALLOW_PRIVATE_NETWORKS: 'true',
  });
  const ctx = useApp(backend, { RUN_WORKER: 'false' });

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'quento-redis-'));
    redis = await startRedis(port, dir);
  });
  afterAll(async () => {
    await kill(redis);
    rmSync(dir, { recursive: true, force: true });
  });

  const analyse = (app: App, s: Session) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url: 'http://127.0.0.1:9/' },
    });

  it('serves, refuses and recovers around an outage, without a restart', async () => {
    const app = await ctx.extraApp(env());
    const s = await register(app);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const before = await analyse(app, s);
    expect(before.statusCode, before.body).toBe(202);

    await kill(redis);

    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.redis).toBe('failing');
    // Rate-limited, authenticated reads still work: the limiter fails open.
    expect(
      (await app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) })).statusCode,
    ).toBe(200);
    const refused = await analyse(app, s);
    assertError(refused, 503, 'SERVICE_UNAVAILABLE');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Nothing half-written: no analysis row for the refused request.
    const rows = await ctx.db.select().from(analyses).where(eq(analyses.userId, s.userId));
    expect(rows.map((r) => r.id)).toEqual([before.json().id]);
    // Deleting does not need the queue: the row is the truth, and a job without a row does nothing.
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/analysis/${before.json().id}`,
      headers: bearer(s.access),
    });
    expect(del.statusCode, del.body).toBe(204);
    // Logging out needs the bus only to tell other instances; it works here.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          payload: { refresh_token: s.refresh },
        })
      ).statusCode,
    ).toBe(204);

    redis = await startRedis(port, dir);
    const back = app.redis!;
    if (back.status !== 'ready') await once(back, 'ready');
    const s2 = await register(app);
    // The queue's own connections come back on ioredis's reconnect schedule; each refused try
    // is answered within a second, so this loop is bounded.
    let after = await analyse(app, s2);
    for (let i = 0; i < 10 && after.statusCode === 503; i += 1) after = await analyse(app, s2);
    expect(after.statusCode, after.body).toBe(202);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    await app.close(); // while Redis is up: closing after it is gone for good waits on BullMQ
  }, 60_000);

  describe('starting while Redis is down', () => {
    it('the API starts, with the worker on, and /readyz answers 503', async () => {
      await kill(redis);
      try {
        const app = await ctx.extraApp(env());
        const res = await app.inject({ url: '/readyz' });
        expect(res.statusCode).toBe(503);
        const s = await register(app);
        assertError(await analyse(app, s), 503, 'SERVICE_UNAVAILABLE');
        await app.close();
      } finally {
        redis = await startRedis(port, dir);
      }
    }, 60_000);
  });
});

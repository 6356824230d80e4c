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
import { RedisBus } from '../../src/events/bus.ts';
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

    // The instance-level view of the defect below: the token-version listener registered at
    // start-up, during the outage, is live once Redis is back.
    it('an instance started during an outage hears revocations once Redis is back', async () => {
      await kill(redis);
      let app: App | undefined;
      try {
        app = await ctx.extraApp({ ...env(), RUN_WORKER: 'false' });
        // The outage has been seen: the app's own client failed to reconnect twice.
        let reconnects = 0;
        await new Promise<void>((resolve) => {
          const onReconnect = () => {
            reconnects += 1;
            if (reconnects < 2) return;
            app!.redis!.off('reconnecting', onReconnect);
            resolve();
          };
          app!.redis!.on('reconnecting', onReconnect);
        });
        const s = await register(app);
        // This instance now holds the user's token version in memory.
        expect(
          (await app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) })).statusCode,
        ).toBe(200);
        redis = await startRedis(port, dir);
        if (app.redis!.status !== 'ready') await once(app.redis!, 'ready');
        // Subscribed after the instance's own listener: when this one fires, that one has too.
        let heardIt!: () => void;
        const heard = new Promise<void>((resolve) => {
          heardIt = resolve;
        });
        // The bus's own connection comes back on its own schedule: each try waits up to 1 s.
        for (let i = 0; ; i += 1) {
          try {
            await app.bus.subscribe(app.tokenVersions.channel, () => heardIt());
            break;
          } catch (err) {
            if (i >= 10) throw err;
          }
        }
        const other = await ctx.extraApp({ ...env(), RUN_WORKER: 'false' });
        const out = await other.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          payload: { refresh_token: s.refresh },
        });
        expect(out.statusCode).toBe(204);
        await heard;
        assertError(
          await app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) }),
          401,
          'INVALID_TOKEN',
        );
        // While Redis is up: closing after it is gone for good waits on BullMQ.
        await other.close();
        await app.close();
      } finally {
        if (redis.exitCode !== null) redis = await startRedis(port, dir);
      }
    }, 90_000);
  });
});

// Defect: a subscription asked for while Redis was down was queued in ioredis and dropped after
// its retries per command (20 reconnects: over a minute with ioredis's schedule, a fraction of a
// second with the fast one below); nothing subscribed again, so an instance started during a
// long outage never heard another instance's token revocations.
describe('event bus subscribed during an outage', () => {
  it('delivers once Redis is back, however long the outage lasted', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'quento-redis-'));
    const url = `redis://127.0.0.1:${port}`;
    const prefix = `quento-test:${port}:`;
    const fast = { retryStrategy: () => 10 };
    const listening = new RedisBus(url, prefix, fast);
    const talking = new RedisBus(url, prefix, fast);
    let redis: ChildProcess | undefined;
    try {
      const got: unknown[] = [];
      let heardIt!: () => void;
      const heard = new Promise<void>((resolve) => {
        heardIt = resolve;
      });
      // Nobody listens on the port yet: the caller is answered 503 within a second, and in that
      // second the connection has retried far more than 20 times.
      await expect(
        listening.subscribe('c', (e) => {
          got.push(e);
          heardIt();
        }),
      ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      redis = await startRedis(port, dir);
      // A second listener on the same channel waits for the same subscription.
      await listening.subscribe('c', () => {});
      await talking.publish('c', { back: true });
      await heard;
      expect(got).toEqual([{ back: true }]);
    } finally {
      await listening.close();
      await talking.close();
      if (redis) await kill(redis);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyses } from '../../src/db/schema.ts';
import { TEST_SECRET } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { type FixtureSite, page, startFixtureSite } from '../support/fixture-site.ts';
import { dropRedisKeys } from '../support/redis.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgres = backends.find((b) => b.name === 'postgres')!;
const apiDir = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A slow site: each of its 12 pages takes 600 ms, so a crawl lasts long enough to be killed. */
function slowSite(): Map<string, { body: string; delayMs: number }> {
  const links = Array.from({ length: 12 }, (_, i) => `/p${i}`);
  return new Map(
    ['/', ...links].map((path) => [
      path,
      { delayMs: 600, body: page({ title: `Page ${path}`, links }) },
    ]),
  );
}

function spawnProcess(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

describe.skipIf(!postgres.available)('a worker killed in the middle of an analysis', () => {
  let site: FixtureSite;
  let db: Awaited<ReturnType<typeof postgres.open>>;
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    site = await startFixtureSite(slowSite());
    db = await postgres.open();
  });
  afterAll(async () => {
    for (const c of children) await kill(c, 'SIGKILL');
    await site?.close();
    await db?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropRedisKeys(REDIS_URL, 'quento-crash-');
  });

  function baseEnv(extra: Record<string, string>): Record<string, string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'quento-crash-'));
    dirs.push(dataDir);
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url!,
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_SECRET,
      ALLOW_PRIVATE_NETWORKS: 'true',
      ANALYSIS_LOCK_MS: '2000',
      // Its own rate-limit keys: other runs on this Redis must not count against it.
      RATE_LIMIT_PREFIX: `quento-crash-rl-${randomBytes(4).toString('hex')}:`,
      ...extra,
    };
  }

  async function rowOf(id: string) {
    const [row] = await db.handle.db.select().from(analyses).where(eq(analyses.id, id));
    return row;
  }

  async function startApi(env: Record<string, string>) {
    const port = await freePort();
    const api = spawnProcess('src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
    children.push(api);
    const base = `http://127.0.0.1:${port}`;
    await until('the API', async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined));
    return { api, base };
  }

  async function createAnalysis(base: string): Promise<string> {
    const reg = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `crash-${randomBytes(4).toString('hex')}@example.com`,
        password: 'crash test password',
      }),
    });
    const { access_token } = (await reg.json()) as { access_token: string };
    const res = await fetch(`${base}/api/v1/analysis`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ website_url: site.url, competitors: [], options: { max_pages: 13 } }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  const runningWithProgress = (id: string) => async () => {
    const row = await rowOf(id);
    return row?.status === 'running' && row.pagesDone >= 2 ? row : undefined;
  };
  const completed = (id: string) => async () => {
    const row = await rowOf(id);
    if (row?.status === 'failed') throw new Error(`analysis failed: ${row.errorMessage}`);
    return row?.status === 'completed' ? row : undefined;
  };

  it('with BullMQ: another worker process picks the job up and completes it once', async () => {
    const env = baseEnv({
      REDIS_URL,
      QUEUE_PREFIX: `quento-crash-${randomBytes(4).toString('hex')}`,
    });
    const { base } = await startApi({ ...env, RUN_WORKER: 'false' });
    const first = spawnProcess('src/worker.ts', env);
    children.push(first);
    const id = await createAnalysis(base);
    await until('the first worker to be crawling', runningWithProgress(id));
    await kill(first, 'SIGKILL');
    const hitsAtKill = site.hits.get('/') ?? 0;

    const second = spawnProcess('src/worker.ts', env);
    children.push(second);
    const done = await until('completion on the second worker', completed(id), 90_000);
    expect(done.attempts).toBe(2);
    expect(done.pagesDone).toBe(13);
    expect((done.results as { pages: unknown[] }).pages).toHaveLength(13);
    // The second run crawled again from the start page; nothing runs a third time.
    expect(site.hits.get('/')).toBe(hitsAtKill + 1);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await rowOf(id))!.attempts).toBe(2);
  }, 150_000);

  it('with the in-process queue: the restarted API resumes the analysis and completes it once', async () => {
    const env = baseEnv({ REDIS_URL: '' });
    const { api, base } = await startApi(env);
    const id = await createAnalysis(base);
    await until('the API to be crawling', runningWithProgress(id));
    await kill(api, 'SIGKILL');
    expect((await rowOf(id))!.status).toBe('running');

    await startApi(env);
    const done = await until('completion after the restart', completed(id), 90_000);
    expect(done.attempts).toBe(2);
    expect((done.results as { pages: unknown[] }).pages).toHaveLength(13);
  }, 150_000);
});

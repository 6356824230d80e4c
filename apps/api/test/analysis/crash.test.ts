import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyses } from '../../src/db/schema.ts';
import { TEST_SECRET } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { type FixtureSite, slowSite, startFixtureSite } from '../support/fixture-site.ts';
import {
  type Proc,
  signUp,
  spawnProcess,
  startApi as startApiProcess,
  stop,
  until,
} from '../support/processes.ts';
import { dropRedisKeys } from '../support/redis.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgres = backends.find((b) => b.name === 'postgres')!;

describe.skipIf(!postgres.available)('a worker killed in the middle of an analysis', () => {
  let site: FixtureSite;
  let db: Awaited<ReturnType<typeof postgres.open>>;
  const children: Proc[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    site = await startFixtureSite(slowSite());
    db = await postgres.open();
  });
  afterAll(async () => {
    for (const c of children) await stop(c, 'SIGKILL');
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
      // The test counts the site's requests per crawl; a screenshot would load the home page once more.
      ANALYSIS_SCREENSHOTS: 'false',
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
    const api = await startApiProcess(env);
    children.push(api);
    return { api, base: api.base };
  }

  async function createAnalysis(base: string): Promise<string> {
    const access_token = await signUp(base);
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
    await stop(first, 'SIGKILL');
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
    await stop(api, 'SIGKILL');
    expect((await rowOf(id))!.status).toBe('running');

    await startApi(env);
    const done = await until('completion after the restart', completed(id), 90_000);
    expect(done.attempts).toBe(2);
    expect((done.results as { pages: unknown[] }).pages).toHaveLength(13);
  }, 150_000);
});

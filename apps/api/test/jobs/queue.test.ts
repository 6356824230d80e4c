import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BullQueue } from '../../src/jobs/bullmq-queue.ts';
import { MemoryQueue } from '../../src/jobs/memory-queue.ts';
import type { Job, JobQueue, QueueOptions } from '../../src/jobs/queue.ts';
import { dropRedisKeys } from '../support/redis.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// One prefix per run of this file, removed from Redis afterwards.
const PREFIX = `quento-test-q-${randomUUID().slice(0, 8)}`;
const open: JobQueue<unknown>[] = [];

type Make = (
  o: QueueOptions,
  extra?: { name?: string; prefix?: string },
) => JobQueue<{ n: number }>;
const kinds: [string, Make][] = [
  ['memory', (o) => new MemoryQueue(o)],
  [
    'bullmq',
    (o, extra) =>
      new BullQueue({
        ...o,
        redisUrl: REDIS_URL,
        name: extra?.name ?? `q-${randomUUID()}`,
        prefix: extra?.prefix ?? PREFIX,
        lockDurationMs: 1500,
      }),
  ],
];

function track<Q extends JobQueue<{ n: number }>>(q: Q): Q {
  open.push(q as JobQueue<unknown>);
  return q;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()));
});
afterAll(() => dropRedisKeys(REDIS_URL, PREFIX));

describe.each(kinds)('%s queue', (_kind, make) => {
  const base = { concurrency: 2, attempts: 3, backoffMs: 20 };

  it('runs each job once, even when enqueued twice', async () => {
    const q = track(make(base));
    const seen: string[] = [];
    await q.work(async (job) => {
      seen.push(job.id);
    });
    await q.enqueue('a', { n: 1 });
    await q.enqueue('a', { n: 1 });
    await q.enqueue('b', { n: 2 });
    await until(() => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('keeps to its concurrency', async () => {
    const q = track(make({ ...base, concurrency: 2 }));
    let active = 0;
    let peak = 0;
    let done = 0;
    await q.work(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 50));
      active--;
      done++;
    });
    for (let i = 0; i < 6; i++) await q.enqueue(`c${i}`, { n: i });
    await until(() => done === 6);
    expect(peak).toBe(2);
  });

  it('retries a failing job with backoff and passes the attempt number', async () => {
    const q = track(make(base));
    const attempts: number[] = [];
    await q.work(async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error('flaky');
    });
    await q.enqueue('r', { n: 0 });
    await until(() => attempts.length === 3);
    await new Promise((r) => setTimeout(r, 150));
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after the configured attempts', async () => {
    const q = track(make({ ...base, attempts: 2 }));
    let runs = 0;
    await q.work(async () => {
      runs++;
      throw new Error('always');
    });
    await q.enqueue('g', { n: 0 });
    await until(() => runs === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs).toBe(2);
  });

  it('cancels a running job through its signal', async () => {
    const q = track(make(base));
    const started = deferred();
    let aborted: unknown = null;
    await q.work(async (job: Job<{ n: number }>) => {
      started.resolve();
      await new Promise<void>((resolve) => {
        job.signal.addEventListener('abort', () => {
          aborted = job.signal.reason;
          resolve();
        });
      });
    });
    await q.enqueue('x', { n: 0 });
    await started.promise;
    await q.cancel('x');
    await until(() => aborted !== null);
    expect((aborted as Error).name).toBe('JobCancelledError');
  });
});

describe('bullmq durability', () => {
  it('runs a job again on another worker after its worker is killed', async () => {
    const name = `crash-${randomUUID()}`;
    const script = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, REDIS_URL, name, PREFIX], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const producer = track(
      new BullQueue<{ n: number }>({
        redisUrl: REDIS_URL,
        name,
        prefix: PREFIX,
        concurrency: 1,
        attempts: 3,
        backoffMs: 50,
        lockDurationMs: 1500,
      }),
    );
    await producer.enqueue('job-1', { n: 42 });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started job-1') && resolve());
      child.on('exit', () => reject(new Error('worker exited early')));
    });
    child.removeAllListeners('exit');
    child.kill('SIGKILL');

    const runs: number[] = [];
    await producer.work(async (job) => {
      runs.push(job.data.n);
    });
    await until(() => runs.length === 1, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(runs).toEqual([42]);
  }, 30_000);
});

// Load test (not a test): simulated owners doing the whole journey against two API instances and
// one worker, run as `npm start` and `npm run worker` run them (the built bundle), on PostgreSQL
// and Redis. Every request of an owner goes to the other instance than the one before (no sticky
// sessions): sign-up, the home screen, the guided chat, an analysis of a loopback fixture site
// followed over its WebSocket, the report, a strategy, an action update, the dashboard
// (bench/load-journey.ts). Prints the error rate and p50/p99 per endpoint, and the CPU a journey
// costs the API, the worker (with the Chromium it starts) and PostgreSQL.
//
//   npx tsx bench/load.ts                      # realistic: 500 owners arriving over 60 s, each
//                                              # thinking ~100 s over the journey
//   BENCH_USERS=100 npx tsx bench/load.ts      # a shorter run
//   BENCH_MODE=stress BENCH_CONCURRENCY=50 npx tsx bench/load.ts   # no pauses, 50 at a time:
//                                              # capacity in journeys/s and requests/s
//
// Other knobs: BENCH_RAMP (seconds, 60), BENCH_THINK (seconds a journey, 100), BENCH_PAGES (the
// fixture site's pages, all crawled: 15), BENCH_ANALYSIS_CONCURRENCY (the worker's, 4),
// BENCH_WORKER_NICE (on: the worker and its Chromium run at the lowest priority, SCHED_IDLE and
// nice 19, so they yield the CPU to the API as the machine of its own a worker has in production
// would; 0 = same priority as the API), BENCH_CPU_PROF (a folder: the API instances write CPU
// profiles there on exit). Screenshots are on unless ANALYSIS_SCREENSHOTS=false: Chromium must be
// installed.
// Needs TEST_DATABASE_URL's server (a scratch database is made and dropped) and TEST_REDIS_URL.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import { database, freePort, startBuilt, stop, waitFor } from './lib.ts';
import { fixtureSite, type JourneyOptions, journey, Recorder, SLOW } from './load-journey.ts';
import { loadAverage, PidSet, treeCpu } from './proc.ts';

const env = process.env;
const STRESS = env.BENCH_MODE === 'stress';
const USERS = Number(env.BENCH_USERS ?? 500);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 50);
const RAMP = Number(env.BENCH_RAMP ?? 60);
const THINK = STRESS ? 0 : Number(env.BENCH_THINK ?? 100);
const PAGES = Number(env.BENCH_PAGES ?? 15);
const LOW_PRIORITY = (env.BENCH_WORKER_NICE ?? '1') !== '0';
const REDIS_URL = env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_URL = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PREFIX = `quento-load-${randomBytes(4).toString('hex')}`;

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : 0;

const db = await database();
const site = await fixtureSite(PAGES);
const children: ChildProcess[] = [];
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
try {
  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: `${PREFIX}-q`,
    RATE_LIMIT_PREFIX: `${PREFIX}-rl:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RUN_WORKER: 'false',
    ALLOW_PRIVATE_NETWORKS: 'true',
    DATA_DIR: `/tmp/${PREFIX}`,
    // Every simulated owner comes from 127.0.0.1: the per-IP limits would stop them, not the API.
    RATE_LIMIT_AUTH_IP_MAX: '1000000',
    RATE_LIMIT_LOGIN_IP_MAX: '1000000',
    RATE_LIMIT_TOKEN_IP_MAX: '1000000',
    DATABASE_POOL_MAX: '10',
  };
  const bases: string[] = [];
  const apis: ChildProcess[] = [];
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    const api = startBuilt(
      'main',
      { ...common, PORT: String(port), HOST: '127.0.0.1' },
      {
        nodeArgs: env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [],
      },
    );
    children.push(api);
    apis.push(api);
    bases.push(`http://127.0.0.1:${port}`);
    await waitFor(`${bases[i]}/readyz`, api);
  }
  // Chromium run as root sets its own threads' nice values back (0, and -8 for its main thread),
  // so `nice` alone held only the worker's Node process: SCHED_IDLE, which it keeps, holds both.
  const worker = startBuilt(
    'worker',
    { ...common, RUN_WORKER: 'true', ANALYSIS_CONCURRENCY: env.BENCH_ANALYSIS_CONCURRENCY ?? '4' },
    { wrap: LOW_PRIORITY ? ['chrt', '--idle', '0', 'nice', '-n', '19'] : [] },
  );
  children.push(worker);

  const dbName = new URL(db.url).pathname.slice(1);
  const backends = new PidSet();
  const samplePg = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1',
      [dbName],
    );
    backends.sample(rows.map((r) => r.pid));
  };
  await samplePg();
  const cpu = () => ({
    api: apis.reduce((s, a) => s + treeCpu(a.pid!), 0),
    worker: treeCpu(worker.pid!),
  });
  const loads: number[] = [loadAverage()];
  const sampler = setInterval(() => {
    void samplePg().catch(() => {});
    loads.push(loadAverage());
  }, 2000);

  const rec = new Recorder();
  const o: JourneyOptions = { bases, siteUrl: site.url, maxPages: PAGES, thinkSeconds: THINK, rec };
  console.log(
    STRESS
      ? `[load] stress: ${USERS} journeys, ${CONCURRENCY} at a time, no pauses`
      : `[load] ${USERS} owners arriving over ${RAMP} s, ~${THINK} s of thinking a journey`,
  );
  // This machine's server runs with autovacuum off: its tables then never get statistics, and a
  // plan that depends on them shows here before it would in production.
  const { rows: av } = await admin.query<{ autovacuum: string }>('show autovacuum');
  console.log(`[load] PostgreSQL autovacuum: ${av[0]?.autovacuum}`);
  console.log(
    `[load] two API instances, one worker (${LOW_PRIORITY ? 'SCHED_IDLE, nice 19' : 'same priority'}, screenshots ${env.ANALYSIS_SCREENSHOTS === 'false' ? 'off' : 'on'}), ${PAGES}-page site; load average ${loads[0]}`,
  );
  let stopping = false;
  for (const [name, c] of [
    ...apis.map((a, i) => [`API ${i + 1}`, a] as const),
    ['worker', worker] as const,
  ]) {
    c.once('exit', (code, signal) => {
      if (!stopping)
        console.error(`[load] ${name} (pid ${c.pid}) exited during the run: ${code ?? signal}`);
    });
  }
  const before = cpu();
  const started = performance.now();
  if (STRESS) {
    let launched = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, USERS) }, async () => {
        while (launched < USERS) {
          launched += 1;
          await journey(o);
        }
      }),
    );
  } else {
    // Arrivals at random over the ramp (a Poisson process given the count).
    const arrivals = Array.from({ length: USERS }, () => Math.random() * RAMP * 1000);
    await Promise.all(
      arrivals.map((at) => new Promise((r) => setTimeout(r, at)).then(() => journey(o))),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await samplePg();
  const after = cpu();

  console.log('');
  console.log(
    `${'endpoint'.padEnd(44)} ${'n'.padStart(6)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}`,
  );
  let targetMet = true;
  const names = new Set([...rec.timings.keys(), ...rec.failures.keys()]);
  for (const name of names) {
    const sorted = [...(rec.timings.get(name) ?? [])].sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    if (!SLOW.has(name) && p99 > 200) targetMet = false;
    console.log(
      `${name.padEnd(44)} ${String(sorted.length).padStart(6)} ${String(rec.failures.get(name) ?? 0).padStart(6)} ${pct(sorted, 50).toFixed(0).padStart(7)} ${p99.toFixed(0).padStart(7)} ${(sorted.at(-1) ?? 0).toFixed(0).padStart(7)}`,
    );
  }
  for (const [why, n] of rec.errors) console.log(`  error x${n}: ${why}`);
  const failed = [...rec.failures.values()].reduce((a, b) => a + b, 0);
  const errorRate = failed / rec.sent;
  const perJourney = (s: number) => `${((s / Math.max(rec.journeys, 1)) * 1000).toFixed(0)} ms`;
  console.log('');
  console.log(
    `${rec.sent} requests in ${seconds.toFixed(1)} s (${(rec.sent / seconds).toFixed(1)}/s), ${rec.journeys} journeys completed (${(rec.journeys / seconds).toFixed(2)}/s), ${failed} errors (${(errorRate * 100).toFixed(3)}%)`,
  );
  console.log(
    `CPU a journey: API ${perJourney(after.api - before.api)} (both instances), worker ${perJourney(after.worker - before.worker)} (with Chromium), PostgreSQL ${perJourney(backends.used())} (its backends)`,
  );
  console.log(
    `load average: ${loads[0]} at the start, mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)}, max ${Math.max(...loads)} (1-minute, ${loads.length} samples)`,
  );
  console.log(
    `target: error rate < 0.1% ${errorRate < 0.001 ? 'MET' : 'NOT MET'}; p99 < 200 ms (no model, no crawl wait) ${targetMet ? 'MET' : 'NOT MET'}`,
  );
  stopping = true;
} finally {
  for (const c of children) await stop(c);
  await site.close();
  await admin.end();
  await db.drop();
  rmSync(`/tmp/${PREFIX}`, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

// Load test (not a test): simulated owners doing the whole journey against two API instances and
// one worker on PostgreSQL and Redis, every request sent to the instance after the previous one
// (no sticky sessions): register, the guided chat, an analysis of a loopback fixture site,
// a strategy, an action update, the dashboard. Prints the error rate and p50/p99 per endpoint.
//
//   npx tsx bench/load.ts                        # 500 users, at most 100 at a time
//   BENCH_USERS=200 BENCH_CONCURRENCY=50 npx tsx bench/load.ts
//
// Needs TEST_DATABASE_URL's server (a scratch database is made and dropped) and TEST_REDIS_URL.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { database, freePort, start, stop, waitFor } from './lib.ts';

const USERS = Number(process.env.BENCH_USERS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `quento-load-${randomBytes(4).toString('hex')}`;
/** Endpoints that call a model or wait for a crawl are outside the 200 ms p99 target. */
const SLOW = new Set(['GET /analysis/{id}/status (until completed)']);

/** A small site on loopback: three linked pages, as the owner's website. */
function fixtureSite(): Promise<{ url: string; close: () => void }> {
  const page = (title: string) =>
    `<!doctype html><html lang="en"><head><title>${title} | Rise Bakery</title><meta name="description" content="Sourdough bread baked every morning in Leeds."></head><body><h1>${title}</h1><p>Fresh sourdough and pastries.</p><a href="/">Home</a> <a href="/menu">Menu</a> <a href="/about">About</a></body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(req.url === '/' ? 'Home' : (req.url ?? '/').slice(1)));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => server.close(),
      }),
    ),
  );
}

const timings = new Map<string, number[]>();
const failures = new Map<string, number>();
let sent = 0;
let next = 0;

async function call(
  bases: string[],
  name: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const base = bases[next++ % bases.length]!;
  const started = performance.now();
  sent += 1;
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 400) failures.set(name, (failures.get(name) ?? 0) + 1);
    else {
      const list = timings.get(name) ?? [];
      list.push(performance.now() - started);
      timings.set(name, list);
    }
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    failures.set(name, (failures.get(name) ?? 0) + 1);
    return { status: 0, body: {} };
  }
}

async function journey(bases: string[], siteUrl: string): Promise<void> {
  const reg = await call(bases, 'POST /auth/register', '/auth/register', {
    method: 'POST',
    body: {
      email: `load-${randomBytes(6).toString('hex')}@example.com`,
      password: 'load test password',
    },
  });
  const token = reg.body.access_token as string | undefined;
  if (!token) return;
  const session = await call(bases, 'POST /chat/sessions', '/chat/sessions', {
    method: 'POST',
    token,
    body: {},
  });
  const sessionId = session.body.id as string | undefined;
  if (sessionId) {
    for (const content of ['We are Rise Bakery', 'We sell sourdough bread in Leeds']) {
      await call(
        bases,
        'POST /chat/sessions/{id}/messages',
        `/chat/sessions/${sessionId}/messages`,
        {
          method: 'POST',
          token,
          body: { content },
        },
      );
    }
  }
  const created = await call(bases, 'POST /analysis', '/analysis', {
    method: 'POST',
    token,
    body: { website_url: siteUrl, competitors: [], options: { max_pages: 3 } },
  });
  const analysisId = created.body.id as string | undefined;
  if (!analysisId) return;
  // Waiting for the crawl: timed as a whole (one entry), polled every 250 ms.
  const waitStart = performance.now();
  for (;;) {
    const base = bases[next++ % bases.length]!;
    const res = await fetch(`${base}/api/v1/analysis/${analysisId}/status`, {
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => undefined);
    sent += 1;
    const status = res?.ok ? ((await res.json()) as { status: string }).status : 'error';
    if (status === 'completed' || status === 'failed' || status === 'error') {
      const name = 'GET /analysis/{id}/status (until completed)';
      if (status === 'completed') {
        timings.set(name, [...(timings.get(name) ?? []), performance.now() - waitStart]);
      } else {
        failures.set(name, (failures.get(name) ?? 0) + 1);
        return;
      }
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await call(bases, 'GET /analysis/{id}', `/analysis/${analysisId}`, { token });
  const strategy = await call(bases, 'POST /strategy/generate', '/strategy/generate', {
    method: 'POST',
    token,
    body: { analysis_id: analysisId },
  });
  const strategyId = strategy.body.id as string | undefined;
  if (!strategyId) return;
  const detail = await call(bases, 'GET /strategy/{id}', `/strategy/${strategyId}`, { token });
  const action = (detail.body.action_items as { id: string; version: number }[] | undefined)?.[0];
  if (action) {
    await call(bases, 'PUT /strategy/{id}/actions', `/strategy/${strategyId}/actions`, {
      method: 'PUT',
      token,
      body: { actions: [{ id: action.id, version: action.version, status: 'in_progress' }] },
    });
  }
  await call(bases, 'GET /users/me/dashboard', '/users/me/dashboard', { token });
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : 0;

const db = await database();
const site = await fixtureSite();
const children: ChildProcess[] = [];
try {
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: `${PREFIX}-q`,
    RATE_LIMIT_PREFIX: `${PREFIX}-rl:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RUN_WORKER: 'false',
    ALLOW_PRIVATE_NETWORKS: 'true',
    // Every simulated owner comes from 127.0.0.1: the per-IP limits would stop them, not the API.
    RATE_LIMIT_AUTH_IP_MAX: '1000000',
    RATE_LIMIT_LOGIN_IP_MAX: '1000000',
    RATE_LIMIT_TOKEN_IP_MAX: '1000000',
    DATABASE_POOL_MAX: '10',
  };
  const bases: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    const api = start('apps/api/src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
    children.push(api);
    bases.push(`http://127.0.0.1:${port}`);
    await waitFor(`${bases[i]}/readyz`, api);
  }
  children.push(
    start('apps/api/src/worker.ts', { ...env, RUN_WORKER: 'true', ANALYSIS_CONCURRENCY: '8' }),
  );

  console.log(`[load] ${USERS} users, ${CONCURRENCY} at a time, two API instances, one worker`);
  const started = performance.now();
  let launched = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, USERS) }, async () => {
      while (launched < USERS) {
        launched += 1;
        await journey(bases, site.url);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  console.log('');
  console.log(
    `${'endpoint'.padEnd(46)} ${'n'.padStart(6)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
  );
  let targetMet = true;
  for (const [name, list] of timings) {
    const sorted = [...list].sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    if (!SLOW.has(name) && p99 > 200) targetMet = false;
    console.log(
      `${name.padEnd(46)} ${String(sorted.length).padStart(6)} ${String(failures.get(name) ?? 0).padStart(7)} ${pct(sorted, 50).toFixed(0).padStart(8)} ${p99.toFixed(0).padStart(8)}`,
    );
  }
  const errorRate = failed / sent;
  console.log('');
  console.log(
    `${sent} requests in ${seconds.toFixed(1)} s, ${failed} errors (${(errorRate * 100).toFixed(3)}%)`,
  );
  console.log(
    `target: error rate < 0.1% ${errorRate < 0.001 ? 'MET' : 'NOT MET'}; p99 < 200 ms (no model, no crawl wait) ${targetMet ? 'MET' : 'NOT MET'}`,
  );
} finally {
  for (const c of children) await stop(c);
  site.close();
  await db.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

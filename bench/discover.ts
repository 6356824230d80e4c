// Discover benchmark: 20 concurrent analyses of a 20-page site on loopback, run by ONE worker
// process (BullMQ on Redis, PostgreSQL), while the API keeps answering. Reports the time until all
// analyses finish and the API's latency under that load.
//
//   npx tsx bench/discover.ts            # BENCH_ANALYSES=20 BENCH_PAGES=20 ANALYSIS_CONCURRENCY=2
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { database, freePort, registerUser, start, stop, waitFor } from './lib.ts';

const ANALYSES = Number(process.env.BENCH_ANALYSES ?? 20);
const PAGES = Number(process.env.BENCH_PAGES ?? 20);
const CONCURRENCY = process.env.ANALYSIS_CONCURRENCY ?? '2';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function pageHtml(i: number): string {
  const links = Array.from(
    { length: PAGES },
    (_, j) => `<a href="/p${j}">Page ${j} of our shop</a>`,
  ).join(' ');
  const words = Array.from({ length: 300 }, (_, k) => `word${(k * (i + 3)) % 97}`).join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop page ${i}</title>
<meta name="description" content="Page ${i} of the benchmark shop"><meta name="viewport" content="width=device-width, initial-scale=1">
</head><body><h1>Page ${i}</h1><p>${words}</p>${links}<img src="/img${i}.png"></body></html>`;
}

const site = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
  const m = /^\/(?:p(\d+))?$/.exec(path);
  if (!m) {
    res.writeHead(404);
    return res.end('not found');
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(pageHtml(Number(m[1] ?? 0)));
});
await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;

const db = await database();
const children: ChildProcess[] = [];
const env = {
  NODE_ENV: 'production',
  DATABASE_URL: db.url,
  REDIS_URL,
  QUEUE_PREFIX: `quento-bench-${randomBytes(4).toString('hex')}`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  ALLOW_PRIVATE_NETWORKS: 'true',
  ANALYSIS_CONCURRENCY: CONCURRENCY,
  RATE_LIMIT_USER_MAX: '1000000000',
  RATE_LIMIT_AUTH_IP_MAX: '1000',
};
try {
  const port = await freePort();
  const api = start('apps/api/src/main.ts', {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUN_WORKER: 'false',
  });
  children.push(api);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/readyz`, api);
  const worker = start('apps/api/src/worker.ts', env);
  children.push(worker);

  const access_token = await registerUser(base);
  const auth = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };

  // API latency while the analyses run: 10 clients reading the analysis list, as the app would.
  let latency: autocannon.Result | null = null;
  const load = autocannon(
    { url: `${base}/api/v1/analysis?limit=20`, connections: 10, duration: 3600, headers: auth },
    (_err, result) => {
      latency = result;
    },
  );

  const t0 = performance.now();
  const created = await Promise.all(
    Array.from({ length: ANALYSES }, async () => {
      const r = await fetch(`${base}/api/v1/analysis`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          website_url: siteUrl,
          competitors: [],
          options: { max_pages: PAGES },
        }),
      });
      if (r.status !== 202) throw new Error(`create failed: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { id: string }).id;
    }),
  );
  const finished = new Map<string, { status: string; ms: number; pages: number }>();
  while (finished.size < created.length) {
    await new Promise((r) => setTimeout(r, 250));
    const list = (await (
      await fetch(`${base}/api/v1/analysis?limit=100`, { headers: auth })
    ).json()) as {
      items: {
        id: string;
        status: string;
        pages_done: number;
        started_at: string | null;
        completed_at: string | null;
      }[];
    };
    for (const a of list.items) {
      if (!finished.has(a.id) && ['completed', 'failed'].includes(a.status)) {
        finished.set(a.id, { status: a.status, ms: performance.now() - t0, pages: a.pages_done });
      }
    }
    if (performance.now() - t0 > 600_000) throw new Error('analyses did not finish in 10 minutes');
  }
  const total = performance.now() - t0;
  load.stop();
  await new Promise((r) => setTimeout(r, 200));
  const l = latency as autocannon.Result | null;
  const results = [...finished.values()];
  const failed = results.filter((r) => r.status !== 'completed').length;
  const pages = results.reduce((s, r) => s + r.pages, 0);
  console.log('');
  console.log(
    `analyses: ${ANALYSES} x ${PAGES}-page site, one worker (ANALYSIS_CONCURRENCY=${CONCURRENCY}), BullMQ + PostgreSQL`,
  );
  console.log(
    `all finished in ${(total / 1000).toFixed(1)} s; completed ${ANALYSES - failed}, failed ${failed}; ${pages} pages (${(pages / (total / 1000)).toFixed(1)} pages/s)`,
  );
  if (l) {
    console.log(
      `API during the run (GET /api/v1/analysis, 10 connections): ${l.requests.average.toFixed(0)} req/s, p50 ${l.latency.p50} ms, p99 ${l.latency.p99} ms, errors ${l.errors + l.timeouts + l.non2xx}`,
    );
  }
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  for (const c of children) await stop(c);
  site.close();
  await db.drop();
}

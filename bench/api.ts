// API load benchmark: authenticated GET /api/v1/users/me against PostgreSQL, next to a bare
// Fastify hello-world, both measured with autocannon on loopback in the same run.
//
//   npx tsx bench/api.ts                      # uses DATABASE_URL, else a scratch database on
//                                             # TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test)
//   BENCH_DURATION=20 BENCH_CONNECTIONS=50 npx tsx bench/api.ts
//
// Each server runs in its own process so that autocannon does not share its event loop.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { database, freePort, registerUser, start, stop, waitFor } from './lib.ts';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET_RPS = 2000;
const TARGET_P99_MS = 25;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<Figures> {
  const r = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const db = await database();
const children: ChildProcess[] = [];
try {
  const apiPort = await freePort();
  const api = start('apps/api/src/main.ts', {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    // The benchmark is one user hammering one endpoint: lift the per-user limit out of the way.
    RATE_LIMIT_USER_MAX: '1000000000',
    RATE_LIMIT_AUTH_IP_MAX: '1000',
    REDIS_URL: '',
  });
  children.push(api);
  const base = `http://127.0.0.1:${apiPort}`;
  await waitFor(`${base}/readyz`, api);
  const access_token = await registerUser(base);
  const auth = { authorization: `Bearer ${access_token}` };

  console.log(`[bench] warming up, then ${duration} s x ${connections} connections each`);
  await load(`${base}/api/v1/users/me`, auth, 3);
  const me = await load(`${base}/api/v1/users/me`, auth, duration);
  await stop(api);

  const helloPort = await freePort();
  const hello = start('bench/hello-server.ts', { PORT: String(helloPort) });
  children.push(hello);
  await waitFor(`http://127.0.0.1:${helloPort}/`, hello);
  await load(`http://127.0.0.1:${helloPort}/`, {}, 3);
  const bare = await load(`http://127.0.0.1:${helloPort}/`, {}, duration);

  const row = (name: string, f: Figures) =>
    `${name.padEnd(36)} ${f.rps.toFixed(0).padStart(8)} ${String(f.p50).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.non2xx + f.errors).padStart(7)}`;
  console.log('');
  console.log(
    `${'endpoint'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}`,
  );
  console.log(row('GET /api/v1/users/me (PostgreSQL)', me));
  console.log(row('bare Fastify hello-world', bare));
  console.log(`ratio (users/me / hello-world): ${(me.rps / bare.rps).toFixed(2)}`);
  const pass =
    me.rps >= TARGET_RPS && me.p99 <= TARGET_P99_MS && me.non2xx === 0 && me.errors === 0;
  console.log(
    `target >= ${TARGET_RPS} req/s and p99 <= ${TARGET_P99_MS} ms: ${pass ? 'MET' : 'NOT MET'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  for (const c of children) await stop(c);
  await db.drop();
}

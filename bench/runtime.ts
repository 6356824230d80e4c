// Runtime benchmark (issue 15): what a new user's `npm start` costs in time and memory.
//
//   npm run bench:runtime                  # PGlite in a fresh data folder, then PostgreSQL
//   BENCH_DURATION=20 BENCH_CONNECTIONS=50 BENCH_MODES=pglite npm run bench:runtime
//
// For each mode it spawns `npm start` exactly as a user types it (root package.json: the install
// check, the web build check, the API's own prestart, then the API) and times, from the spawn to
// the first 200 from /healthz, a start on a fresh data folder and a second start on the same one.
// Memory is the API process's own resident set (VmRSS in /proc/<pid>/status, the node process
// found under npm), sampled at idle after start-up and during 50 connections on
// GET /api/v1/users/me. PostgreSQL mode uses DATABASE_URL, else a scratch database on
// TEST_DATABASE_URL. Without an up-to-date web build (apps/mobile/dist) the web build check is
// skipped (SKIP_WEB_BUILD=1) rather than starting a build of several minutes.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { database, freePort, registerUser, root, stop } from './lib.ts';
import { descendants, processCpu, treeCpu } from './proc.ts';

const duration = Number(process.env.BENCH_DURATION ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const modes = (process.env.BENCH_MODES ?? 'pglite,postgres').split(',');
const IDLE_SETTLE_MS = 5_000;
const IDLE_SAMPLES = 10;

interface Started {
  child: ChildProcess;
  base: string;
  ms: number;
  cpu: number;
}

/** Resident and peak memory (MB) of one process, from /proc. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/**
 * The node process running the API under npm's shells (and, before the build step, tsx's own
 * launcher process): the node descendant with the largest resident set.
 */
function apiPid(rootPid: number): number {
  let best: { pid: number; rss: number } | undefined;
  for (const pid of descendants(rootPid)) {
    try {
      const exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!exe.endsWith('node')) continue;
      const rss = memory(pid).rss;
      if (!best || rss > best.rss) best = { pid, rss };
    } catch {
      // ended while we looked
    }
  }
  if (!best) throw new Error(`no API process under ${rootPid}`);
  return best.pid;
}

async function startApi(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches npm's children too
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`npm start exited with ${child.exitCode}:\n${output.join('')}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        const ms = performance.now() - t0;
        return { child, base, ms, cpu: treeCpu(child.pid as number) };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await stopGroup(child);
  throw new Error(`/healthz did not answer:\n${output.join('')}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await stop(child);
}

async function idleRss(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
  const samples: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    samples.push(memory(pid).rss);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Math.max(...samples);
}

async function underLoad(base: string, pid: number) {
  const token = await registerUser(base);
  const url = `${base}/api/v1/users/me`;
  const headers = { authorization: `Bearer ${token}` };
  await autocannon({ url, connections, duration: 3, headers });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory(pid).rss);
  }, 200);
  const cpuBefore = processCpu(pid);
  const r = await autocannon({ url, connections, duration, headers });
  const cpu = processCpu(pid) - cpuBefore;
  clearInterval(sampler);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    peakRss: peak,
    // The API's own CPU per answered request: steadier than req/s while other work shares the cores.
    cpuMsPerRequest: (cpu * 1000) / Math.max(1, r.requests.total),
  };
}

const webBuilt = (() => {
  try {
    readFileSync(join(root, 'apps/mobile/dist/.quento-build-stamp'));
    return true;
  } catch {
    return false;
  }
})();
const common: Record<string, string> = {
  LOG_LEVEL: 'warn',
  // One user hammering one endpoint: lift the per-user limit out of the way.
  RATE_LIMIT_USER_MAX: '1000000000',
  RATE_LIMIT_AUTH_IP_MAX: '1000',
  REDIS_URL: '',
  ...(webBuilt ? {} : { SKIP_WEB_BUILD: '1' }),
};

const rows: string[] = [];
const row = (label: string, value: string) => {
  rows.push(`${label.padEnd(58)} ${value}`);
  console.log(`[bench] ${label}: ${value}`);
};
const mb = (n: number) => `${n.toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

for (const mode of modes) {
  const dataDir = mkdtempSync(join(tmpdir(), 'quento-runtime-'));
  const db = mode === 'postgres' ? await database() : undefined;
  const env = {
    ...common,
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: db?.url ?? '',
  };
  const name = mode === 'postgres' ? 'PostgreSQL' : 'PGlite';
  try {
    const started = (r: Started) => `${s(r.ms)} (${r.cpu.toFixed(2)} s of CPU)`;
    if (mode === modes[0]) {
      // As after `npm ci` or a change to the sources: the API's build step runs first.
      rmSync(join(root, 'apps/api/dist'), { recursive: true, force: true });
      rmSync(join(root, 'apps/api/node_modules/.cache/quento'), { recursive: true, force: true });
      const cold = await startApi({
        ...env,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'quento-cold-')),
      });
      row(`${name}: first npm start after install (builds the API)`, started(cold));
      await stopGroup(cold.child);
    }
    const fresh = await startApi(env);
    row(`${name}: npm start to /healthz, fresh data folder`, started(fresh));
    await stopGroup(fresh.child);
    const second = await startApi(env);
    row(`${name}: npm start to /healthz, second start`, started(second));
    const pid = apiPid(second.child.pid as number);
    row(`${name}: API RSS at idle (max of ${IDLE_SAMPLES} samples)`, mb(await idleRss(pid)));
    const load = await underLoad(second.base, pid);
    row(`${name}: API RSS under ${connections} connections (peak)`, mb(load.peakRss));
    row(
      `${name}: GET /users/me, ${connections} connections, ${duration} s`,
      `${load.rps.toFixed(0)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.errors} errors`,
    );
    row(`${name}: API CPU per GET /users/me`, `${load.cpuMsPerRequest.toFixed(2)} ms`);
    row(`${name}: API RSS at idle after the load`, mb(await idleRss(pid)));
    row(`${name}: API peak RSS (VmHWM)`, mb(memory(pid).hwm));
    await stopGroup(second.child);
  } finally {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log('');
console.log(
  `runtime figures (${webBuilt ? 'with' : 'without'} the web build check; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
);
for (const line of rows) console.log(line);

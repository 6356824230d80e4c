import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET } from './app.ts';

/** apps/api: where `src/main.ts` and `src/worker.ts` run from, as `npm start` runs them. */
export const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A Quento process (`src/main.ts`, `src/worker.ts`) with its output kept for failure messages. */
export interface Proc {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
}

export function spawnProcess(script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (d: Buffer) => chunks.push(d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => chunks.join(''), exited };
}

/** Polls `check` until it returns a value (errors count as "not yet"). */
export async function until<T>(
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

/** Sends `signal` and waits for the process to end. */
export async function stop(proc: Proc, signal: NodeJS.Signals): Promise<number | null> {
  const { child } = proc;
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return proc.exited;
}

/** Starts the API on a free loopback port and waits until /readyz answers 200. */
export async function startApi(env: Record<string, string>): Promise<Proc & { base: string }> {
  const port = await freePort();
  const proc = spawnProcess('src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const state = await until('the API', async () => {
    if (proc.child.exitCode !== null) return 'exited';
    return (await fetch(`${base}/readyz`)).ok ? 'ready' : undefined;
  });
  if (state === 'exited') throw new Error(`the API exited:\n${proc.output().slice(-3000)}`);
  return { ...proc, base };
}

/** Registers a new account over HTTP on a running API; returns its access token. */
export async function signUp(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `proc-${randomBytes(6).toString('hex')}@example.com`,
      password: 'process test password',
    }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * The environment of a Quento process in these tests: PostgreSQL and Redis, keys under `prefix`
 * (so parallel runs on one Redis do not meet), its own data folder (pushed to `dirs` for removal),
 * loopback crawling, and the fake model when `llmBaseUrl` is given.
 */
export function processEnv(options: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  dirs: string[];
  llmBaseUrl?: string;
}): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quento-proc-'));
  options.dirs.push(dataDir);
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: `${options.prefix}-q`,
    RATE_LIMIT_PREFIX: `${options.prefix}-rl:`,
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_SECRET,
    ALLOW_PRIVATE_NETWORKS: 'true',
    ANALYSIS_LOCK_MS: '2000',
    // These tests count the site's requests per crawl; a screenshot would load the home page once more.
    ANALYSIS_SCREENSHOTS: 'false',
    RUN_WORKER: 'false',
    ...(options.llmBaseUrl
      ? {
          CHAT_MODEL: 'openai:fake-chat',
          LLM_BASE_URL: options.llmBaseUrl,
          LLM_API_KEY: 'test-key',
          LLM_MAX_RETRIES: '0',
        }
      : {}),
  };
}

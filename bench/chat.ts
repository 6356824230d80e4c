/**
 * Chat overhead benchmark (not a test):
 * `npx tsx bench/chat.ts [chats=20] [messages=10] [delayMs=200] [thinkMs=1000]`.
 *
 * Starts the fake OpenAI-compatible model (apps/api/test/support/fake-llm.ts) in one child process
 * with a fixed time to first token, and the API in another, with CHAT_MODEL pointing at the fake.
 * Embedded by default (PGlite, in-process queue: the API also runs the turns' follow-up work).
 * With DATABASE_URL and REDIS_URL set, the configured layout: PostgreSQL, and the follow-ups go
 * through BullMQ to a worker process (`apps/api/src/worker.ts`), as deployed. Then `chats` users each open a WebSocket chat
 * and send `messages` messages: each waits for the whole reply, then pauses (reading, typing)
 * for a random time with mean `thinkMs` before the next, so the chats run side by side without
 * moving in step. With `thinkMs` 0 every chat sends at the same instant and again the moment its
 * reply ends: the burst case, where 20 turns queue on one event loop.
 *
 * The API (and the worker) run as `npm start` runs them: the esbuild bundle in apps/api/dist, built
 * first when the sources are newer (bench/lib.ts startBuilt). `BENCH_TSX=1` runs the TypeScript
 * sources through tsx instead. CPU per turn is also given by thread (Linux /proc/<pid>/task): the
 * main thread (event loop and PGlite's WebAssembly) apart from V8's GC helpers and libuv's pool.
 *
 * Per message: time from sending to the first `token` event at the client, minus the fake
 * model's delay, is Quento's overhead (socket, DB writes and reads, retrieval, prompt building,
 * LangChain, network). Target (issue 5): p95 <= 25 ms at 20 concurrent chats.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { dropRedisKeys } from '../apps/api/test/support/redis.ts';
import { freePort, root, startBuilt } from './lib.ts';
import { processCpu, threadCpu } from './proc.ts';

const CHATS = Number(process.argv[2] ?? 20);
const MESSAGES = Number(process.argv[3] ?? 10);
const DELAY_MS = Number(process.argv[4] ?? 200);
/** Mean pause before each message, uniform in [0, 2 x thinkMs); 0 is the burst case. */
const THINK_MS = Number(process.argv[5] ?? 1000);
const think = () =>
  THINK_MS > 0
    ? new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 2 * THINK_MS))
    : Promise.resolve();
const ROOT = root;
const FAKE = join(ROOT, 'apps/api/test/support/fake-llm.ts');
const MAIN = join(ROOT, 'apps/api/src/main.ts');
const WORKER = join(ROOT, 'apps/api/src/worker.ts');
const CONFIGURED = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const QUEUE_PREFIX = `quento-bench-${process.pid}`;

const FAKE_SCRIPT = `
import { startFakeLlm } from ${JSON.stringify(FAKE)};
const delay = Number(process.argv[1]);
const llm = await startFakeLlm({
  // The reply streams; the follow-up calls (profile extraction as a tool call, the running
  // summary) answer whole, after the same delay, as a real model would.
  defaultReply: (req) =>
    req.stream
      ? { content: 'Thanks, that helps. What makes your bakery different from the others nearby?', firstTokenDelayMs: delay }
      : req.tools.length > 0
        ? { toolCalls: [{ name: req.tools[0].function.name, args: { name: null, offering: null, audience: null, differentiators: [], goals: [], website_url: null, competitors: [] } }], firstTokenDelayMs: delay }
        : { content: 'The owner runs a bakery.', firstTokenDelayMs: delay },
});
process.stdout.write(llm.baseUrl + '\\n');
`;

async function firstLine(child: ChildProcess, match: RegExp, timeoutMs = 120_000): Promise<string> {
  let buf = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`${why} before printing a line matching ${match}; it printed:\n${buf}`));
    };
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const line = buf.split('\n').find((l) => match.test(l));
      if (line) {
        cleanup();
        resolve(line);
      }
    };
    const onExit = (code: number | null) => fail(`the process exited (${code})`);
    const timer = setTimeout(() => fail(`${timeoutMs / 1000} s passed`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** CPU time a child process has used so far, in ms (all its threads; NaN when not Linux). */
const cpuMs = (child: ChildProcess): number => processCpu(child.pid as number) * 1000;

/**
 * CPU time so far by thread group, in ms: `main` (the event loop, where PGlite's WebAssembly runs),
 * `v8` (V8's platform workers: concurrent GC marking/sweeping and background compiling), `node`
 * (Node's delayed-task and signal threads), `pool` (libuv's threadpool: fs, crypto, zlib, DNS, and
 * any worker threads). Node 20 leaves its threads unnamed, so they are told apart by creation order
 * (thread ids ascend): the main thread, the V8 platform's workers (4 unless --v8-pool-size), the two
 * helper threads, then the rest, created on first use.
 */
function threadCpuMs(child: ChildProcess): Record<string, number> {
  const out: Record<string, number> = { main: 0, v8: 0, node: 0, pool: 0 };
  let tids: number[];
  try {
    tids = readdirSync(`/proc/${child.pid}/task`)
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return out;
  }
  tids.forEach((tid, i) => {
    const group = i === 0 ? 'main' : i <= 4 ? 'v8' : i <= 6 ? 'node' : 'pool';
    const ms = threadCpu(child.pid as number, tid) * 1000;
    if (Number.isFinite(ms)) out[group]! += ms;
  });
  return out;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

async function main() {
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'quento-bench-chat-'));
  const stop = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Never leave the servers running, even when interrupted.
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  process.once('SIGTERM', () => {
    stop();
    process.exit(143);
  });
  try {
    const fake = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', FAKE_SCRIPT, String(DELAY_MS)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(fake);
    const baseUrl = (await firstLine(fake, /^http/)).trim();

    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX,
      // Under the queue prefix, so the run's rate-limit keys go with the rest.
      RATE_LIMIT_PREFIX: `${QUEUE_PREFIX}:rl:`,
      CHAT_MODEL: 'openai:fake-chat',
      LLM_BASE_URL: baseUrl,
      LLM_API_KEY: 'bench',
      RATE_LIMIT_AUTH_IP_MAX: '100000',
      RATE_LIMIT_USER_MAX: '100000',
    };
    const tsx = process.env.BENCH_TSX === '1';
    const cpuProf = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
      : [];
    /** The API or the worker: the built bundle as `npm start` runs it, or (BENCH_TSX=1) the sources. */
    const server = (entry: 'main' | 'worker', extra: Record<string, string>): ChildProcess => {
      const childEnv = { ...env, ...extra } as Record<string, string>;
      if (!tsx) return startBuilt(entry, childEnv, { nodeArgs: cpuProf });
      return spawn(
        process.execPath,
        [...cpuProf, '--import', 'tsx', entry === 'main' ? MAIN : WORKER],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
          env: childEnv,
        },
      );
    };
    const api = server('main', { RUN_WORKER: CONFIGURED ? 'false' : 'true' });
    children.push(api);
    // The API's start-up banner: its docs line comes once it listens.
    await firstLine(api, /API docs/);
    let worker: ChildProcess | undefined;
    if (CONFIGURED) {
      worker = server('worker', { RUN_WORKER: 'true' });
      children.push(worker);
      await firstLine(worker, /worker running/);
    }
    const http = `http://127.0.0.1:${port}`;

    // One user and one session per chat.
    const chats = await Promise.all(
      Array.from({ length: CHATS }, async (_, i) => {
        const reg = await fetch(`${http}/api/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: `bench-${i}-${Date.now()}@example.com`,
            password: 'correct horse battery staple',
          }),
        });
        const token = ((await reg.json()) as { access_token: string }).access_token;
        const ses = await fetch(`${http}/api/v1/chat/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: '{}',
        });
        const id = ((await ses.json()) as { id: string }).id;
        return { token, id };
      }),
    );

    const overheads: number[] = [];
    const typingLatency: number[] = [];
    const runChat = async ({ token, id }: { token: string; id: string }, count = MESSAGES) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat/${id}`, [
        'quento.v1',
        `bearer.${token}`,
      ]);
      await once(ws, 'open');
      let onEvent: (e: { type: string }) => void = () => {};
      ws.on('message', (data) => onEvent(JSON.parse(data.toString())));
      for (let m = 0; m < count; m++) {
        if (count === MESSAGES) await think();
        const sent = performance.now();
        let first = 0;
        await new Promise<void>((resolve, reject) => {
          onEvent = (e) => {
            if (e.type === 'typing') typingLatency.push(performance.now() - sent);
            if (e.type === 'token' && !first) first = performance.now();
            if (e.type === 'final') resolve();
            if (e.type === 'error') reject(new Error(JSON.stringify(e)));
          };
          ws.send(
            JSON.stringify({
              type: 'message',
              content: `Message ${m}: we bake sourdough for cafés.`,
            }),
          );
        });
        overheads.push(first - sent - DELAY_MS);
      }
      ws.close();
    };
    // Warm-up: a few messages on one chat (JIT, connections), not counted.
    await runChat(chats[0]!, 3);
    overheads.length = 0;
    typingLatency.length = 0;
    const started = performance.now();
    const [apiCpu0, fakeCpu0] = [cpuMs(api), cpuMs(fake)];
    const apiThreads0 = threadCpuMs(api);
    const workerCpu0 = worker ? cpuMs(worker) : 0;
    await Promise.all(chats.map((chat) => runChat(chat)));
    const wall = performance.now() - started;
    const turns = CHATS * MESSAGES;
    const apiCpu = (cpuMs(api) - apiCpu0) / turns;
    const apiThreads1 = threadCpuMs(api);
    const byThread = Object.keys(apiThreads1)
      .map((k) => `${k} ${((apiThreads1[k]! - apiThreads0[k]!) / turns).toFixed(1)}`)
      .join(', ');
    const fakeCpu = (cpuMs(fake) - fakeCpu0) / turns;
    const workerCpu = worker ? (cpuMs(worker) - workerCpu0) / turns : 0;

    const sorted = [...overheads].sort((a, b) => a - b);
    const typing = [...typingLatency].sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1);
    console.log(
      `chat overhead: ${CHATS} concurrent chats x ${MESSAGES} messages, fake first-token delay ${DELAY_MS} ms, ${THINK_MS > 0 ? `think time mean ${THINK_MS} ms` : 'burst (no think time)'}, ${CONFIGURED ? 'PostgreSQL + Redis, separate worker' : process.env.DATABASE_URL ? 'PostgreSQL, in-process queue' : 'PGlite, in-process queue'}`,
    );
    console.log(
      `time to first token minus model delay (ms): p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? 0)}  (n=${sorted.length})`,
    );
    console.log(
      `typing event after send (ms): p50 ${f(percentile(typing, 50))}  p95 ${f(percentile(typing, 95))}`,
    );
    console.log(
      `CPU per turn (ms, all threads): API ${f(apiCpu)}${worker ? `  worker ${f(workerCpu)}` : ''}  fake model ${f(fakeCpu)}`,
    );
    console.log(
      `API CPU per turn by thread (ms): ${byThread}; ${tsx ? 'tsx sources' : 'built bundle (apps/api/dist)'}`,
    );
    console.log(
      `wall time ${f(wall / 1000)} s; target p95 <= 25 ms: ${percentile(sorted, 95) <= 25 ? 'met' : 'missed'}`,
    );
  } finally {
    stop();
    if (CONFIGURED) {
      // The queue's keys go once every process using them has exited.
      await Promise.all(
        children.map((c) => (c.exitCode === null ? once(c, 'exit') : Promise.resolve())),
      );
      await dropRedisKeys(process.env.REDIS_URL!, QUEUE_PREFIX);
    }
  }
}

await main();

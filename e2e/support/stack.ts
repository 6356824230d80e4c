import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeLlmServer, startFakeLlm } from '../../apps/api/test/support/fake-llm.ts';
import {
  type FixturePage,
  type FixtureSite,
  startFixtureSite,
} from '../../apps/api/test/support/fixture-site.ts';
import { root } from './paths.ts';
import { storyResponder } from './story-model.ts';

/** Everything the journey talks to, all on loopback: the API (serving the app), a site, a model. */
export interface Stack {
  appUrl: string;
  site: FixtureSite;
  llm: FakeLlmServer;
  /** The API's output, for the failure message when something goes wrong. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the API exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become healthy:\n${output()}`);
}

/**
 * Starts the real API in embedded mode (PGlite in a scratch folder, in-process queue) serving the
 * web build, with a model behind the loopback OpenAI-compatible server and private networks
 * allowed so it may crawl the fixture site. Access tokens live 20 s, so the journey also exercises
 * the app's refresh for real.
 */
export async function startStack(pages: Map<string, FixturePage>): Promise<Stack> {
  const site = await startFixtureSite(pages);
  const llm = await startFakeLlm();
  llm.setDefault(storyResponder);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'quento-e2e-'));
  let output = '';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('apps', 'api', 'src', 'main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ALLOW_PRIVATE_NETWORKS: 'true',
        CHAT_MODEL: 'openai:fake-chat',
        LLM_BASE_URL: llm.baseUrl,
        LLM_API_KEY: 'e2e-key',
        ACCESS_TOKEN_TTL: '20',
        DATABASE_URL: '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const appUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(`${appUrl}/healthz`, child, () => output);
  return {
    appUrl,
    site,
    llm,
    log: () => output,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await Promise.all([site.close(), llm.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The lean runtime (issue 15): `npm start` runs the built bundle, a new embedded data folder is
// copied from a migrated template instead of running initdb, and PGlite keeps small buffers.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { ensurePgliteTemplate, seedFromTemplate } from '../src/db/pglite-template.ts';
import { apiPackageRoot } from '../src/package-root.ts';
import { freePort } from './support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'quento-runtime-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  await ensurePgliteTemplate();
});

async function tables(dir: string): Promise<string[]> {
  const handle = await openDatabase({ pgliteDir: dir });
  try {
    const r = await handle.db.execute(
      sql`select tablename from pg_tables where schemaname = 'public' order by 1`,
    );
    return (r as unknown as { rows: Array<{ tablename: string }> }).rows.map((x) => x.tablename);
  } finally {
    await handle.close();
  }
}

it('a new data folder is copied from the migrated template, and migrating it again is a no-op', async () => {
  const dir = join(scratch, 'fresh', 'pglite');
  expect(seedFromTemplate(dir)).toBe(true);
  expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
  expect(await tables(dir)).toEqual(expect.arrayContaining(['users', 'analyses']));
  const handle = await openDatabase({ pgliteDir: dir });
  try {
    await runMigrations(handle);
    const applied = await handle.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const journal = JSON.parse(
      readFileSync(join(apiPackageRoot, 'drizzle', 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    expect((applied as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(
      journal.entries.length,
    );
  } finally {
    await handle.close();
  }
});

it('a data folder that holds data, or anything else, is never overwritten', async () => {
  const dir = join(scratch, 'used', 'pglite');
  expect(seedFromTemplate(dir)).toBe(true);
  const handle = await openDatabase({ pgliteDir: dir });
  await handle.db.execute(sql`create table kept (id int)`);
  await handle.close();
  expect(seedFromTemplate(dir)).toBe(false);
  expect(await tables(dir)).toContain('kept');

  const other = join(scratch, 'other');
  mkdirSync(other, { recursive: true });
  writeFileSync(join(other, 'notes.txt'), 'mine');
  expect(seedFromTemplate(other)).toBe(false);
  expect(existsSync(join(other, 'PG_VERSION'))).toBe(false);
});

it('PGlite runs with 16 MB of shared buffers, not the 128 MB initdb picks', async () => {
  const handle = await openDatabase({ pgliteDir: 'memory://' });
  try {
    const r = await handle.db.execute(sql`show shared_buffers`);
    expect(
      (r as unknown as { rows: Array<{ shared_buffers: string }> }).rows[0]?.shared_buffers,
    ).toBe('16MB');
  } finally {
    await handle.close();
  }
});

it('npm start runs the built bundle: plain node, no TypeScript compiler, healthy on a fresh folder', async () => {
  const build = spawnSync(process.execPath, [join(apiPackageRoot, '../../scripts/build-api.mjs')], {
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  const pkg = JSON.parse(readFileSync(join(apiPackageRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.start).toBe('node dist/main.js');
  expect(pkg.scripts.prestart).toContain('build-api.mjs');

  const port = await freePort();
  const dataDir = join(scratch, 'served');
  const imports = join(scratch, 'imports.txt');
  let child: ChildProcess | undefined;
  try {
    child = spawn(
      process.execPath,
      ['--import', './test/support/record-imports.mjs', 'dist/main.js'],
      {
        cwd: apiPackageRoot,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          JWT_SECRET: randomBytes(32).toString('hex'),
          RECORD_IMPORTS_FILE: imports,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    // Wait on the API's own line saying it listens, then ask it.
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', () => {
        if (output.includes('API docs')) resolve();
      });
      child?.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain('tsx');
    // What most requests never need is not loaded at start (embedded mode: no Redis, no SMTP,
    // no model: the guided advisor needs no LangChain provider and no LangGraph).
    const loaded = readFileSync(imports, 'utf8');
    expect(loaded).toContain('/node_modules/fastify/'); // the recording works
    for (const heavy of [
      'bullmq',
      'ioredis',
      'nodemailer',
      'pdfkit',
      'playwright-core',
      '@langchain/openai',
      '@langchain/anthropic',
      '@langchain/google-genai',
      '@langchain/ollama',
      '@langchain/langgraph',
      'langchain',
      'openai',
      '@anthropic-ai/sdk',
      '@google/generative-ai',
      'ollama',
      // The file store's SDK: only with S3_URL.
      '@aws-sdk/client-s3',
      '@aws-sdk/s3-request-presigner',
    ]) {
      expect(loaded, heavy).not.toContain(`/node_modules/${heavy}/`);
    }
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toMatchObject({
      status: 'ok',
    });
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  // Bundling and a first start on a fresh folder take seconds on a quiet machine, far more on a busy one.
}, 180_000);

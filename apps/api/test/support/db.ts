import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** False when the backend cannot run here (no TEST_DATABASE_URL): its tests are skipped. */
  available: boolean;
  /** A fresh, migrated database and a function that disposes of it. */
  open(): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void>; url?: string }>;
}

const pgUrl = process.env.TEST_DATABASE_URL;

const pglite: Backend = {
  name: 'pglite',
  available: true,
  async open() {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    await runMigrations(handle);
    return { handle, dispose: () => handle.close() };
  },
};

const postgres: Backend = {
  name: 'postgres',
  available: Boolean(pgUrl),
  async open() {
    if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
    // One fresh database per test file, created from the `test` database and dropped afterwards.
    const name = `quento_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), poolMax: 5 });
    await runMigrations(handle);
    return {
      handle,
      url: url.toString(),
      dispose: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  },
};

export const backends: Backend[] = [pglite, postgres];

/**
 * The statements the database client is sent while `fn` runs, counted at the driver: the SQL
 * text of each `query`, and of each of PGlite's `exec` and `transaction` calls where the client
 * has them (a transaction as one entry, `<transaction>`).
 */
export async function statementsDuring(
  db: DatabaseHandle['db'],
  fn: () => Promise<unknown>,
): Promise<string[]> {
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const seen: string[] = [];
  const restore: (() => void)[] = [];
  for (const method of ['query', 'exec', 'transaction'] as const) {
    const original = client[method];
    if (typeof original !== 'function') continue;
    client[method] = function (this: unknown, ...args: unknown[]) {
      const q = args[0];
      seen.push(
        method === 'transaction'
          ? '<transaction>'
          : typeof q === 'string'
            ? q
            : String((q as { text?: string }).text),
      );
      return original.apply(this, args);
    };
    restore.push(() => {
      client[method] = original;
    });
  }
  try {
    await fn();
  } finally {
    for (const r of restore) r();
  }
  return seen;
}

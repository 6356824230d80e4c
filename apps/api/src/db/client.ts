import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { PreparedPGlite } from './pglite-prepared.ts';
import * as schema from './schema.ts';

// Arbitrary constant shared by every Quento instance: serialises migrations across processes.
const MIGRATION_LOCK_ID = 720_431_001;

/**
 * initdb sizes PGlite's shared buffers at 128 MB, all inside the WASM memory of the API process
 * and touched as pages are read, so the embedded API grew to 600 MB. Quento's embedded database is
 * one owner's data: 16 MB holds it, and the operating system's file cache sits under PGlite's
 * files as well. (bench/runtime.ts: idle RSS 481 -> see apps/api/README.md#runtime.)
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB'];

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /**
   * Opens the pool's connections now and warms each backend (catalog, the English text-search
   * dictionaries), so the first requests under load do not pay for it. PostgreSQL only.
   */
  warm(): Promise<void>;
  /** Runs fn while holding a cross-process lock (PostgreSQL advisory lock), e.g. for migrations. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** Folder for PGlite's files; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  poolMax?: number;
}

/** Opens PostgreSQL through node-postgres, or the embedded PGlite when no URL is given. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const max = options.poolMax ?? 10;
    // A new connection is a new backend whose caches (catalog, text-search dictionaries) start
    // cold: its first full-text query costs about 10 ms. So connections stay open once made
    // (min = max; `warm` makes them all at start).
    const pool = new pg.Pool({ connectionString: options.url, max, min: max });
    // An idle client that loses its connection emits 'error'; without a listener it would crash
    // the process. The pool replaces the client; the next query reports any lasting outage.
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      warm: async () => {
        // Concurrent queries make the pool open every connection.
        await Promise.all(
          Array.from({ length: max }, () =>
            pool.query(
              `select to_tsvector('english', 'warm') @@ websearch_to_tsquery('english', 'warm')`,
            ),
          ),
        );
      },
      exclusive: async (fn) => {
        // Its own connection, outside the pool: a pool of one would otherwise deadlock.
        const lockClient = new pg.Client({ connectionString: options.url });
        await lockClient.connect();
        try {
          await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
          return await fn();
        } finally {
          await lockClient.end().catch(() => {}); // ending the session releases the lock
        }
      },
      close: () => pool.end(),
    };
  }
  const dir = options.pgliteDir ?? 'memory://';
  let dataDir: string | undefined;
  if (!dir.startsWith('memory://')) {
    dataDir = resolve(dir);
    mkdirSync(dataDir, { recursive: true });
  }
  // pgvector is bundled with PGlite, so later features can `CREATE EXTENSION vector` in embedded mode.
  // Statements sent through `query` are kept prepared (pglite-prepared.ts).
  const client = new PreparedPGlite({
    ...(dataDir ? { dataDir } : {}),
    extensions: { vector },
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])],
  });
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // PGlite belongs to this one process; nothing else can migrate it concurrently.
    warm: async () => {},
    exclusive: (fn) => fn(),
    close: () => client.close(),
  };
}

export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, 'pglite');
}

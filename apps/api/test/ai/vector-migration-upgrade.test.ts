import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, type Schema } from '../../src/db/client.ts';
import { migrationsFolder, runMigrations } from '../../src/db/migrate.ts';

// Before migration 0008 the API created ai_documents at start-up (vector(N), no model recorded).
// Upgrading keeps its texts in the full-text table and replaces it with 0008's table.
const dir = mkdtempSync(join(tmpdir(), 'quento-0007-'));
let handle: DatabaseHandle | undefined;
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('moves the texts of a start-up-made vector table to full text and replaces the table', async () => {
  // The migrations as they were up to 0007 (every later one left out: the migrator compares
  // timestamps only, so a later one applied here would make it skip 0008 afterwards).
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  for (const e of journal.entries.filter((e) => e.idx >= 8)) rmSync(join(dir, `${e.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < 8);
  writeFileSync(journalPath, JSON.stringify(journal));

  handle = await openDatabase({ pgliteDir: 'memory://' });
  await migrate(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: dir });
  const db = (handle.db as unknown as { $client: PGlite }).$client;
  const user = (
    await db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash) VALUES ('old@example.com', 'x') RETURNING id`,
    )
  ).rows[0]!.id;
  await db.exec(`CREATE EXTENSION IF NOT EXISTS vector;
    CREATE TABLE ai_documents (id text PRIMARY KEY, user_id text NOT NULL, kind text NOT NULL,
      content text NOT NULL, embedding vector(2) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  await db.query(
    `INSERT INTO ai_documents (id, user_id, kind, content, embedding) VALUES
     ('profile:old', $1, 'profile', 'Name: Old Bakery', '[0,0]'),
     ('profile:gone', 'no-such-user', 'profile', 'Name: Nobody', '[0,0]')`,
    [user],
  );

  await runMigrations(handle);
  const fts = await db.query<{ id: string; content: string }>(
    'SELECT id, content FROM ai_documents_fts ORDER BY id',
  );
  expect(fts.rows).toEqual([{ id: 'profile:old', content: 'Name: Old Bakery' }]);
  const vectors = await db.query('SELECT * FROM ai_documents');
  expect(vectors.rows).toEqual([]);
  const columns = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'ai_documents'
     ORDER BY ordinal_position`,
  );
  expect(columns.rows.map((c) => c.column_name)).toEqual([
    'id',
    'user_id',
    'kind',
    'content',
    'model',
    'dimensions',
    'embedding',
    'updated_at',
  ]);
});

import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { backends } from './support/db.ts';

const opened: Array<{ handle: DatabaseHandle; dispose: () => Promise<void> }> = [];
afterAll(async () => {
  for (const o of opened) await o.dispose();
});

async function describeSchema(handle: DatabaseHandle) {
  const columns = await handle.db.execute(sql`
    select table_name, column_name, data_type, is_nullable, column_default
    from information_schema.columns
    where table_schema = 'public'
    order by table_name, column_name`);
  const foreignKeys = await handle.db.execute(sql`
    select tc.table_name, kcu.column_name, rc.delete_rule
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
    join information_schema.referential_constraints rc on rc.constraint_name = tc.constraint_name
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'
    order by tc.table_name, kcu.column_name`);
  const indexes = await handle.db.execute(sql`
    select tablename, indexname from pg_indexes where schemaname = 'public' order by 1, 2`);
  const rows = (r: unknown) => (r as { rows: Array<Record<string, unknown>> }).rows;
  // Migration 0008 makes the pgvector table only where the extension is available (PGlite, not
  // the PostgreSQL here); everything else must be identical.
  const vector = await handle.db.execute(
    sql`select exists (select 1 from pg_available_extensions where name = 'vector') as available`,
  );
  const vectorTable = rows(columns).some((c) => c.table_name === 'ai_documents');
  expect(vectorTable).toBe(rows(vector)[0]?.available === true);
  const common = (list: Array<Record<string, unknown>>) =>
    list.filter((r) => (r.table_name ?? r.tablename) !== 'ai_documents');
  return {
    columns: common(rows(columns)),
    foreignKeys: common(rows(foreignKeys)),
    indexes: common(rows(indexes)),
  };
}

it('the same migrations give the same schema on every backend, and re-running them is a no-op', async () => {
  const schemas = [];
  for (const backend of backends.filter((b) => b.available)) {
    const o = await backend.open();
    opened.push(o);
    await runMigrations(o.handle);
    schemas.push({ name: backend.name, ...(await describeSchema(o.handle)) });
  }
  const first = schemas[0]!;
  expect(first.indexes).toEqual(
    expect.arrayContaining([
      { tablename: 'conversations', indexname: 'idx_conversations_user' },
      { tablename: 'messages', indexname: 'idx_messages_conversation' },
      { tablename: 'analyses', indexname: 'idx_analyses_user' },
      { tablename: 'strategies', indexname: 'idx_strategies_user' },
      { tablename: 'action_items', indexname: 'idx_action_items_strategy' },
    ]),
  );
  // Every foreign key either cascades or, for the history links, sets null.
  const setNull = new Set([
    'analyses.conversation_id',
    'analyses.previous_analysis_id',
    'strategies.analysis_id',
    'action_items.verified_by_analysis_id',
  ]);
  for (const fk of first.foreignKeys as Array<{
    table_name: string;
    column_name: string;
    delete_rule: string;
  }>) {
    const expected = setNull.has(`${fk.table_name}.${fk.column_name}`) ? 'SET NULL' : 'CASCADE';
    expect(fk.delete_rule, `${fk.table_name}.${fk.column_name}`).toBe(expected);
  }
  for (const other of schemas.slice(1)) {
    expect(other.columns).toEqual(first.columns);
    expect(other.foreignKeys).toEqual(first.foreignKeys);
    expect(other.indexes).toEqual(first.indexes);
  }
});

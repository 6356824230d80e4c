import { messages, PGlite, type QueryOptions, types } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_MAX, PreparedPGlite } from './pglite-prepared.ts';

/** What PGlite's own `query` answers, on the same instance. */
const unprepared = (pg: PGlite, text: string, params?: unknown[], options?: QueryOptions) =>
  PGlite.prototype.query.call(pg, text, params, options);

/** The session's named statements whose text is `text`, read outside them (simple protocol). */
async function keptCount(pg: PGlite, text?: string): Promise<number> {
  const where = text ? ` where statement = '${text.replaceAll("'", "''")}'` : '';
  const [result] = await pg.exec(`select count(*)::int as n from pg_prepared_statements${where}`);
  return (result?.rows[0] as { n: number } | undefined)?.n ?? 0;
}

describe('PreparedPGlite', () => {
  let pg: PreparedPGlite;
  beforeAll(async () => {
    pg = new PreparedPGlite();
    await pg.waitReady;
    await pg.exec(`create table t (id serial primary key, name text unique, doc jsonb,
      at timestamptz default '2026-12-07T10:00:00Z', tags text[])`);
  });
  afterAll(() => pg.close());

  it('answers as PGlite’s own query does', async () => {
    const raw = { rowMode: 'array' as const, parsers: { [types.TIMESTAMPTZ]: (v: string) => v } };
    const cases: [string, unknown[], QueryOptions?][] = [
      [
        'insert into t (name, doc, tags) values ($1, $2, $3) returning name, doc, at, tags',
        ['a', { k: 1 }, ['x']],
      ],
      ['insert into t (name, doc) values ($1, $2) returning name, at', ['b', null], raw],
      ['select name, doc, tags from t where name = any($1) order by id', [['a', 'b']]],
      ['select * from t where id = $1', [999]],
      ['update t set doc = $1::jsonb where name = $2', ['{"k":2}', 'a']],
      ["select $1::int + 1 as n, 'x' as s, now() > $2 as later", [41, new Date(0)], raw],
    ];
    for (const [text, params, options] of cases) {
      // Each twice: the second runs the kept statement.
      for (let i = 0; i < 2; i++) {
        await pg.exec('begin');
        const expected = await unprepared(pg, text, params, options);
        await pg.exec('rollback');
        await pg.exec('begin');
        const got = await pg.query(text, params, options);
        await pg.exec('rollback');
        expect(got, text).toEqual(expected);
      }
    }
  });

  it('parses a statement once and reuses it', async () => {
    const text = 'select count(*) from t where name <> $1';
    for (let i = 0; i < 3; i++) await pg.query(text, [`n${i}`]);
    expect(await keptCount(pg, text)).toBe(1);
  });

  it('makes a statement again when its table changed under it or it was deallocated', async () => {
    await pg.exec('create table u (a int)');
    await pg.exec('insert into u values (1)');
    expect((await pg.query('select * from u')).rows).toEqual([{ a: 1 }]);
    await pg.exec('alter table u add column b int default 2');
    expect((await pg.query('select * from u')).rows).toEqual([{ a: 1, b: 2 }]);
    await pg.exec('deallocate all');
    expect((await pg.query('select * from u')).rows).toEqual([{ a: 1, b: 2 }]);
  });

  it('reports a database error as PGlite does, and goes on', async () => {
    await pg.query('insert into t (name) values ($1)', ['dup']);
    const err = await pg.query('insert into t (name) values ($1)', ['dup']).catch((e) => e);
    expect(err).toBeInstanceOf(messages.DatabaseError);
    expect(err).toMatchObject({
      code: '23505',
      query: 'insert into t (name) values ($1)',
      params: ['dup'],
    });
    await expect(pg.query('select from t where nothing')).rejects.toMatchObject({ code: '42703' });
    expect((await pg.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it(`keeps at most ${KEPT_MAX} statements`, async () => {
    for (let i = 0; i < KEPT_MAX + 20; i++) await pg.query(`select ${i} as n`);
    expect(await keptCount(pg)).toBe(KEPT_MAX);
    expect((await pg.query('select 0 as n')).rows).toEqual([{ n: 0 }]);
  });

  it('runs beside transactions, one at a time', async () => {
    const inserts = Array.from({ length: 20 }, (_, i) =>
      pg.query('insert into t (name) values ($1)', [`c${i}`]),
    );
    const tx = pg.transaction(async (t) => {
      await t.query('insert into t (name) values ($1)', ['in-tx']);
    });
    await Promise.all([...inserts, tx]);
    const { rows } = await pg.query<{ n: number }>(
      "select count(*)::int as n from t where name like 'c%' or name = 'in-tx'",
    );
    expect(rows[0]?.n).toBe(21);
  });
});

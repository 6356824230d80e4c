// The progress read (every visit to the app's home, and after each change that can move a ring)
// must look at the owner's own rows only, whatever the planner knows about the tables. Found by
// bench/load.ts on a server whose autovacuum was off: with no statistics the planner reached the
// analyses through their status index, read every owner's completed analysis and unpacked each
// stored report to test it for a comparison. The read grew with the whole table, not the owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { ProgressRepository } from '../../src/modules/users/progress.repository.ts';
import { type Backend, backends } from '../support/db.ts';

const OTHERS = 300;
const TABLES = ['analyses', 'strategies', 'action_items'] as const;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows each table's scans produced or threw away over all their loops, and how it was read. */
function rowsExamined(node: PlanNode, into: Map<string, { rows: number; how: string[] }>) {
  const table = node['Relation Name'];
  if (table) {
    const seen =
      (node['Actual Rows'] +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      node['Actual Loops'];
    const entry = into.get(table) ?? { rows: 0, how: [] };
    entry.rows += seen;
    entry.how.push(`${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}`);
    into.set(table, entry);
  }
  for (const child of node.Plans ?? []) rowsExamined(child, into);
  return into;
}

/** Other owners' work, written straight into tables the planner has no statistics for. */
async function seedOthers(client: Client): Promise<void> {
  for (const t of ['users', ...TABLES]) {
    await client.query(`alter table ${t} set (autovacuum_enabled = false)`);
  }
  await client.query(
    `insert into users (email, password_hash)
     select 'owner' || n || '@example.com', 'x' from generate_series(1, ${OTHERS}) n`,
  );
  // Two completed analyses each, the later one compared with the earlier.
  await client.query(
    `insert into analyses (user_id, website_url, status, results)
     select id, 'https://example.com', 'completed', r
     from users, (values ('{"pages": []}'::jsonb), ('{"comparison": {}}'::jsonb)) v(r)
     where email like 'owner%'`,
  );
  await client.query(
    `insert into strategies (user_id, title) select id, 'Plan' from users where email like 'owner%'`,
  );
  await client.query(
    `insert into action_items (strategy_id, title, status)
     select s.id, 'Action ' || n, case when n % 3 = 0 then 'done' else 'pending' end
     from strategies s, generate_series(1, 10) n`,
  );
}

type Client = { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };

function suite(backend: Backend) {
  let handle: DatabaseHandle;
  let dispose: () => Promise<void>;
  let client: Client;
  let owner: string;

  beforeAll(async () => {
    ({ handle, dispose } = await backend.open());
    client = (handle.db as unknown as { $client: Client }).$client;
    await seedOthers(client);
    const { rows } = await client.query(
      `insert into users (email, password_hash) values ('me@example.com', 'x') returning id`,
    );
    owner = (rows[0] as { id: string }).id;
    await client.query(
      `insert into analyses (user_id, website_url, status, results)
       values ($1, 'https://rise.example', 'completed', '{"pages": []}'),
              ($1, 'https://rise.example', 'completed', '{"comparison": {}}'),
              ($1, 'https://rise.example', 'running', null)`,
      [owner],
    );
    const strategy = await client.query(
      `insert into strategies (user_id, title) values ($1, 'Plan') returning id`,
      [owner],
    );
    await client.query(
      `insert into action_items (strategy_id, title, status)
       select $1, 'Action ' || n, case when n <= 2 then 'done' else 'pending' end
       from generate_series(1, 5) n`,
      [(strategy.rows[0] as { id: string }).id],
    );
  });
  afterAll(() => dispose?.());

  it('counts the owner’s own work', async () => {
    const facts = await new ProgressRepository(handle.db).facts(owner);
    expect(facts).toMatchObject({
      analysesCompleted: 2,
      analysesRunning: 1,
      analysesCompared: 1,
      strategies: 1,
      actionItems: 5,
      actionItemsDone: 2,
    });
  });

  it('reads only the owner’s rows, with no statistics on the tables', async () => {
    const query = new ProgressRepository(handle.db).factsQuery(owner).toSQL();
    const { rows } = await client.query(`explain (analyze, format json) ${query.sql}`, [
      ...query.params,
    ]);
    const cell = (rows[0] as Record<string, unknown>)['QUERY PLAN'];
    const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
    const examined = rowsExamined(plan[0]!.Plan, new Map());
    // The owner has 3 analyses, 1 strategy and 5 actions; every other owner 2, 1 and 10. Each
    // table may be visited more than once, but never beyond the owner's rows.
    for (const table of TABLES) {
      const { rows, how } = examined.get(table) ?? { rows: 0, how: [] };
      expect(rows, `${table}: ${how.join(', ')}`).toBeLessThanOrEqual(30);
    }
  });
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`progress read (${backend.name})`, () => suite(backend));
}

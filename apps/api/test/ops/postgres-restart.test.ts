import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPgCluster } from '../support/pg-cluster.ts';
import { freePort, type Proc, processEnv, startApi, stop, until } from '../support/processes.ts';

// PostgreSQL goes away under a running API and comes back: a cluster of this test's own on its own
// port (never the machine's shared server), stopped and started with pg_ctl.
const canRun = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!canRun)('PostgreSQL restarted under a running API', () => {
  let pg: PgCluster;
  let api: Proc & { base: string };
  const dirs: string[] = [];

  beforeAll(async () => {
    pg = await startPgCluster(await freePort());
    api = await startApi({
      ...processEnv({ databaseUrl: pg.url, redisUrl: '', prefix: 'unused', dirs }),
      RUN_WORKER: 'true',
    });
  }, 120_000);
  afterAll(async () => {
    if (api) await stop(api, 'SIGKILL');
    await pg?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const register = (email: string) =>
    fetch(`${api.base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'postgres restart password' }),
    });
  const readiness = async () => {
    const res = await fetch(`${api.base}/readyz`);
    return { status: res.status, body: (await res.json()) as { checks: { database: string } } };
  };

  it('answers 503 while it is down and recovers without a restart', async () => {
    const before = `pg-${randomBytes(4).toString('hex')}@example.com`;
    expect((await register(before)).status).toBe(201);

    await pg.stop();
    const down = await until('readiness to fail', async () => {
      const r = await readiness();
      return r.status === 503 ? r : undefined;
    });
    expect(down.body.checks.database).toBe('failing');
    // A request that needs the database is told to come back, in the standard shape: not a 500.
    const refused = await register(`pg-${randomBytes(4).toString('hex')}@example.com`);
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: { code: string; request_id: string } };
    expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.headers.get('retry-after')).toBeTruthy();

    await pg.start();
    await until('readiness to recover', async () =>
      (await readiness()).status === 200 ? true : undefined,
    );
    // The same process, its pool reconnected: new writes work and the earlier account is there.
    expect(api.child.exitCode).toBeNull();
    expect((await register(`pg-${randomBytes(4).toString('hex')}@example.com`)).status).toBe(201);
    const login = await fetch(`${api.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: before, password: 'postgres restart password' }),
    });
    expect(login.status).toBe(200);
  }, 120_000);
});

import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` account. */
const OWNER = 'postgres';

/** A PostgreSQL cluster of the test's own, on its own port, that it may stop and start again. */
export interface PgCluster {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

async function asOwner(command: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  await run(asRoot ? 'runuser' : command, asRoot ? ['-u', OWNER, '--', command, ...args] : args, {
    timeout: 60_000,
  });
}

/** initdb + pg_ctl from the machine's PostgreSQL 15, trust auth on 127.0.0.1:`port`. */
export async function startPgCluster(port: number): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'quento-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', OWNER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', OWNER]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  await asOwner(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    asOwner(`${BIN}/pg_ctl`, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => asOwner(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    dispose: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

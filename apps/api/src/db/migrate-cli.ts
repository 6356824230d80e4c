// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from '../config.ts';
import { openDatabase, pgliteDirFor } from './client.ts';
import { runMigrations } from './migrate.ts';

const config = loadConfig(process.env);
const handle = await openDatabase({
  url: config.DATABASE_URL,
  pgliteDir: pgliteDirFor(config.DATA_DIR),
  poolMax: 1,
});
try {
  await runMigrations(handle);
  console.log(`[quento] migrations applied (${handle.kind})`);
} finally {
  await handle.close();
}

import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, pgliteDirFor } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';

/** Starts the API: validate config, migrate, listen, print where the app and the docs are. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[quento] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const db = await openDatabase({
    url: config.DATABASE_URL,
    pgliteDir: pgliteDirFor(config.DATA_DIR),
    poolMax: config.DATABASE_POOL_MAX,
  });
  await runMigrations(db);
  const app = await buildApp(config, { db });
  app.addHook('onClose', () => db.close());

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = ['0.0.0.0', '::', '127.0.0.1'].includes(config.HOST) ? 'localhost' : config.HOST;
  const api = config.PUBLIC_API_URL ?? `http://${shown}:${config.PORT}`;
  const storage =
    db.kind === 'pglite' ? `PGlite in ${pgliteDirFor(config.DATA_DIR)}` : 'PostgreSQL';
  console.log(
    [
      '',
      `  Quento API   ${api}/api/v1  (${storage}${config.REDIS_URL ? ', Redis' : ''})`,
      `  API docs     ${api}/docs   (OpenAPI: ${api}/openapi.json)`,
      `  App          ${config.APP_BASE_URL}`,
      '',
    ].join('\n'),
  );
}

await main();

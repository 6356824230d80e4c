import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openDatabase, pgliteDirFor } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { seedFromTemplate } from './db/pglite-template.ts';
import { FileStoreMisconfigured } from './files/index.ts';
import { flushSentry, initSentry } from './lib/sentry.ts';

export type Role = 'api' | 'worker';

function configOrExit(overrides: Record<string, string>): Config {
  try {
    return loadConfig({ ...process.env, ...overrides });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[quento] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * Starts a Quento process: validate config, migrate, build the app. The API listens for HTTP; the
 * worker builds the same app (database, queue, services) and only runs jobs.
 */
export async function boot(role: Role) {
  const config = configOrExit(role === 'worker' ? { RUN_WORKER: 'true' } : {});
  await initSentry(config);
  if (!config.DATABASE_URL) seedFromTemplate(pgliteDirFor(config.DATA_DIR));
  const db = await openDatabase({
    url: config.DATABASE_URL,
    pgliteDir: pgliteDirFor(config.DATA_DIR),
    poolMax: config.DATABASE_POOL_MAX,
  });
  await runMigrations(db);
  await db.warm();
  const app = await buildApp(config, { db }).catch(async (err: unknown) => {
    // A file store that cannot work as configured (no such bucket): say so, as for a bad variable.
    if (!(err instanceof FileStoreMisconfigured)) throw err;
    console.error(`[quento] ${err.message}`);
    await db.close();
    process.exit(1);
  });

  let closing = false;
  // SIGTERM: drain (readiness 503, new requests 503, work under way runs on within the grace
  // period), then close: listener, WebSockets, job workers (running jobs handed back), database.
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: draining');
    const stop = async () => {
      const left = await app.lifecycle.drain(config.SHUTDOWN_GRACE_MS);
      if (left > 0) app.log.warn({ inFlight: left }, 'grace period over: cutting what is left');
      const closed = app.close();
      // Idle keep-alive connections would hold the listener open; past the grace, busy ones too.
      if (left > 0) app.server.closeAllConnections();
      else app.server.closeIdleConnections();
      await closed;
      // Last: the job workers' onClose hooks still write (an analysis handed back).
      await db.close();
      await flushSentry();
    };
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  if (role === 'worker') {
    await app.ready();
    console.log(`[quento] worker running (${app.analysisQueue.kind} queue, ${db.kind})`);
    return { app, config, db };
  }

  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = ['0.0.0.0', '::', '127.0.0.1'].includes(config.HOST) ? 'localhost' : config.HOST;
  const api = config.PUBLIC_API_URL ?? `http://${shown}:${config.PORT}`;
  const storage =
    db.kind === 'pglite' ? `PGlite in ${pgliteDirFor(config.DATA_DIR)}` : 'PostgreSQL';
  // The app is the API's own address unless APP_BASE_URL points elsewhere (a dev server).
  const sameOrigin = new URL(config.APP_BASE_URL).origin === new URL(api).origin;
  const appNote = !sameOrigin
    ? ''
    : existsSync(join(config.APP_DIST_DIR, 'index.html'))
      ? '  (web build)'
      : '  (not built yet: npm run build:web)';
  console.log(
    [
      '',
      `  App          ${config.APP_BASE_URL}${appNote}`,
      `  API docs     ${api}/docs   (API: ${api}/api/v1, OpenAPI: ${api}/openapi.json)`,
      `               ${storage}${config.REDIS_URL ? ', Redis' : ''}`,
      '',
    ].join('\n'),
  );
  return { app, config, db };
}

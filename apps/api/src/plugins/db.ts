import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { type Database, type DatabaseHandle, openDatabase, pgliteDirFor } from '../db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    dbHandle: DatabaseHandle;
  }
}

export interface DbPluginOptions {
  config: Config;
  /** An already open database (tests share one per file; main.ts migrates before building). */
  handle?: DatabaseHandle | undefined;
}

/** External layer: the database. Closes it on shutdown only if this plugin opened it. */
export default fp(
  async (app: FastifyInstance, { config, handle }: DbPluginOptions) => {
    const owned = !handle;
    const h =
      handle ??
      (await openDatabase({
        url: config.DATABASE_URL,
        pgliteDir: pgliteDirFor(config.DATA_DIR),
        poolMax: config.DATABASE_POOL_MAX,
      }));
    app.decorate('db', h.db);
    app.decorate('dbHandle', h);
    if (owned) app.addHook('onClose', () => h.close());
  },
  { name: 'db' },
);

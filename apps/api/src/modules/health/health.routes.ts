import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Check = z.enum(['ok', 'failing', 'disabled']);
const Readiness = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: Check, redis: Check, files: Check }),
  /** Present while the instance shuts down: it finishes what it has and takes nothing new. */
  draining: z.literal(true).optional(),
});

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /healthz: the process answers. /readyz: the database, the file store (and Redis when
 * configured) answer too, and the instance is not shutting down.
 */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Liveness',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: { tags: ['ops'], summary: 'Readiness', response: { 200: Readiness, 503: Readiness } },
    },
    async (request, reply) => {
      const database = await within(2000, app.dbHandle.ping()).then(
        () => 'ok' as const,
        (err: unknown) => {
          request.log.warn({ err }, 'readiness: database');
          return 'failing' as const;
        },
      );
      const redis = app.redis
        ? await within(2000, app.redis.ping()).then(
            () => 'ok' as const,
            (err: unknown) => {
              request.log.warn({ err }, 'readiness: redis');
              return 'failing' as const;
            },
          )
        : ('disabled' as const);
      // The file store: the bucket answers (a missing one is named in the log), or DATA_DIR/files is writable.
      const files = await within(2000, app.files.check()).then(
        () => 'ok' as const,
        (err: unknown) => {
          request.log.warn({ err }, 'readiness: file store');
          return 'failing' as const;
        },
      );
      const draining = app.lifecycle.draining;
      const ok = database === 'ok' && redis !== 'failing' && files === 'ok' && !draining;
      reply.status(ok ? 200 : 503);
      return {
        status: ok ? ('ok' as const) : ('unavailable' as const),
        checks: { database, redis, files },
        ...(draining ? { draining: true as const } : {}),
      };
    },
  );
};

export default healthRoutes;

import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Present only when REDIS_URL is set; otherwise in-process equivalents are used. */
    redis: Redis | undefined;
  }
}

/** External layer: Redis, when configured. */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    if (!config.REDIS_URL) {
      app.decorate('redis', undefined);
      return;
    }
    // Fail fast rather than queue for ever: a rate-limit check must not hang a request.
    const redis = new Redis(config.REDIS_URL, {
      connectTimeout: 2000,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
    });
    redis.on('error', (err) => app.log.warn({ err }, 'redis error'));
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: 'redis' },
);

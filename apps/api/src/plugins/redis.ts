import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
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
    // While disconnected, commands fail at once (no offline queue): the rate limiter then lets
    // requests through and /readyz says Redis is failing, instead of every request waiting.
    // ioredis loads only here: embedded mode never needs it.
    const { Redis: RedisClient } = await import('ioredis');
    const redis = new RedisClient(config.REDIS_URL, {
      connectTimeout: 2000,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
    });
    // One line per outage, not one per reconnect attempt.
    let down = false;
    redis.on('error', (err) => {
      if (!down) app.log.warn({ err }, 'redis unavailable; retrying in the background');
      down = true;
    });
    redis.on('ready', () => {
      if (down) app.log.info('redis back');
      down = false;
    });
    // Give the first connection a moment, so the first requests find it ready; start anyway.
    // (not events.once: it rejects on the first 'error', and an outage must not stop start-up)
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      timer.unref();
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: 'redis' },
);

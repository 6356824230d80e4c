import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
// @ts-expect-error: the store ships without types; RedisStoreCtor below describes it.
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { errors } from '../lib/errors.ts';

export type LimitName = 'user' | 'loginIp' | 'loginEmail' | 'authIp' | 'tokenIp';
/** A hook that counts the request against one limit and throws 429 (Retry-After) when over. */
export type LimitHook = (request: FastifyRequest) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    limits: Record<LimitName, LimitHook>;
  }
}

function emailOf(request: FastifyRequest): string {
  const b = request.body as { email?: unknown } | undefined;
  // Runs after validation, so the address is already normalised.
  return typeof b?.email === 'string' ? b.email : '';
}

interface RedisStoreLike {
  child(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }): RedisStoreLike;
}
type RedisStoreCtor = new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: Redis,
  key: string,
) => RedisStoreLike;

/**
 * The plugin's Redis store, keyed `<prefix><limit>:<subject>`. Its own child() puts the route's
 * method and URL into the key, and limiters made by createRateLimit have no route: the keys read
 * `undefinedundefined-`.
 */
function namedRedisStore(redis: Redis, prefix: string) {
  const Store = RedisStore as unknown as RedisStoreCtor;
  // Called with `new` by the plugin; returning an object from a constructor hands that out.
  return function NamedRedisStore() {
    const store = new Store(false, false, redis, prefix);
    store.child = (o) => new Store(!!o.continueExceeding, !!o.exponentialBackoff, redis, prefix);
    return store;
  } as unknown as FastifyRateLimitStoreCtor;
}

/**
 * Rate limits, counted in Redis when REDIS_URL is set (shared by every instance), in memory
 * otherwise. Login is limited per e-mail+IP and per IP; other account endpoints per IP; the rest of
 * the API per user. Hooks run before any password hashing.
 */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const redis = app.redis;
    await app.register(rateLimit, {
      global: false,
      ...(redis ? { store: namedRedisStore(redis, config.RATE_LIMIT_PREFIX) } : {}),
      nameSpace: config.RATE_LIMIT_PREFIX,
      // A Redis outage must not take the API down with it; /readyz reports it instead.
      skipOnError: true,
    });
    const make = (
      name: LimitName,
      max: number,
      windowSeconds: number,
      key: (r: FastifyRequest) => string,
    ): LimitHook => {
      const check = app.createRateLimit({
        max,
        timeWindow: windowSeconds * 1000,
        keyGenerator: (r) => `${name}:${key(r)}`,
      });
      return async (request) => {
        const r = await check(request);
        if (!r.isAllowed && r.isExceeded) throw errors.rateLimited(Math.max(1, r.ttlInSeconds));
      };
    };
    app.decorate('limits', {
      user: make(
        'user',
        config.RATE_LIMIT_USER_MAX,
        config.RATE_LIMIT_USER_WINDOW,
        (r) => r.userId,
      ),
      loginIp: make(
        'loginIp',
        config.RATE_LIMIT_LOGIN_IP_MAX,
        config.RATE_LIMIT_LOGIN_WINDOW,
        (r) => r.ip,
      ),
      loginEmail: make(
        'loginEmail',
        config.RATE_LIMIT_LOGIN_EMAIL_MAX,
        config.RATE_LIMIT_LOGIN_WINDOW,
        (r) => `${emailOf(r)}|${r.ip}`,
      ),
      authIp: make(
        'authIp',
        config.RATE_LIMIT_AUTH_IP_MAX,
        config.RATE_LIMIT_AUTH_WINDOW,
        (r) => r.ip,
      ),
      tokenIp: make(
        'tokenIp',
        config.RATE_LIMIT_TOKEN_IP_MAX,
        config.RATE_LIMIT_TOKEN_WINDOW,
        (r) => r.ip,
      ),
    });
  },
  { name: 'rate-limit', dependencies: ['redis'] },
);

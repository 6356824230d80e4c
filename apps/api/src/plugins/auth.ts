import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { errors } from '../lib/errors.ts';
import { resolveServerSecret } from '../lib/secrets.ts';
import { AccessTokens, RefreshTokenCodec } from '../lib/tokens.ts';

declare module 'fastify' {
  interface FastifyInstance {
    accessTokens: AccessTokens;
    refreshTokens: RefreshTokenCodec;
    /** onRequest hook: requires a valid access token, sets request.userId, applies the per-user limit. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    userId: string;
  }
}

/** External layer: token keys and the `authenticate` hook. Verification is in memory (no query). */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const secret = resolveServerSecret(config);
    const access = await AccessTokens.create(config, secret);
    app.decorate('accessTokens', access);
    app.decorate('refreshTokens', new RefreshTokenCodec(secret));
    app.decorateRequest('userId', '');
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
      if (!match?.[1]) throw errors.unauthorized();
      const { userId } = await access.verify(match[1]);
      request.userId = userId;
      await app.limits.user(request);
    });
  },
  { name: 'auth', dependencies: ['rate-limit'] },
);

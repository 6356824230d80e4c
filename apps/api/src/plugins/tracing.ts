import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { active, requestSpan } from '../lib/sentry.ts';

declare module 'fastify' {
  interface FastifyRequest {
    endSpan?: ((status: number) => void) | undefined;
  }
}

/** A Sentry span per request, named by its route pattern; nothing at all without SENTRY_DSN. */
export default fp(
  async (app: FastifyInstance) => {
    if (!active()) return;
    app.addHook('onRequest', (request, _reply, done) => {
      request.endSpan = requestSpan(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`);
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      request.endSpan?.(reply.statusCode);
      done();
    });
  },
  { name: 'tracing' },
);

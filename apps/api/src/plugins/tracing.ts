import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { startOtel } from '../lib/otel.ts';
import { active as sentryActive, requestSpan as sentrySpan } from '../lib/sentry.ts';

declare module 'fastify' {
  interface FastifyRequest {
    endSpans?: ((status: number) => void)[] | undefined;
  }
}

/**
 * A span per request, named by its route pattern, for Sentry (SENTRY_DSN) and OpenTelemetry
 * (OTEL_TRACES); with neither, no hook at all.
 */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const otel = await startOtel(config);
    const sentry = sentryActive();
    if (!otel && !sentry) return;
    app.addHook('onRequest', (request, _reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const name = `${request.method} ${route}`;
      const ends: ((status: number) => void)[] = [];
      const s = sentry ? sentrySpan(name) : undefined;
      if (s) ends.push(s);
      if (otel) ends.push(otel.requestSpan(name, request.method, route));
      request.endSpans = ends;
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      for (const end of request.endSpans ?? []) end(reply.statusCode);
      done();
    });
    if (otel) app.addHook('onClose', () => otel.shutdown());
  },
  { name: 'tracing' },
);

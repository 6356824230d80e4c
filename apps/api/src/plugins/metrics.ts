import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { errors } from '../lib/errors.ts';
import { safeEqual } from '../lib/secrets.ts';

/** What the rest of the app records; the queue and WebSocket gauges are read at scrape time. */
export interface AppMetrics {
  modelFirstToken: Histogram<'model' | 'role'>;
  modelDuration: Histogram<'model' | 'role' | 'outcome'>;
  modelTokens: Counter<'model' | 'role' | 'kind'>;
  analysisDuration: Histogram;
  analysisPages: Histogram;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
    appMetrics: AppMetrics;
  }
}

/**
 * Prometheus metrics: requests and latency by route and status, model latency and tokens,
 * analyses, job queues, WebSockets, plus process metrics. `/metrics` needs `METRICS_TOKEN` as a
 * bearer token when it is set; in production without one it is not served at all.
 */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    // One registry per app instance, so several apps in one process (tests) do not collide.
    const registry = new Registry();
    const registers = [registry];
    collectDefaultMetrics({ register: registry });
    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests handled',
      labelNames,
      registers,
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const modelBuckets = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120];
    app.decorate('appMetrics', {
      modelFirstToken: new Histogram({
        name: 'quento_model_first_token_seconds',
        help: 'Time from a streamed model call to its first token',
        labelNames: ['model', 'role'],
        buckets: modelBuckets,
        registers,
      }),
      modelDuration: new Histogram({
        name: 'quento_model_call_duration_seconds',
        help: 'Model call latency, retries and fallbacks included',
        labelNames: ['model', 'role', 'outcome'],
        buckets: modelBuckets,
        registers,
      }),
      modelTokens: new Counter({
        name: 'quento_model_tokens_total',
        help: 'Tokens used by model calls',
        labelNames: ['model', 'role', 'kind'],
        registers,
      }),
      analysisDuration: new Histogram({
        name: 'quento_analysis_duration_seconds',
        help: 'Time from an analysis starting to its completion',
        buckets: [1, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300],
        registers,
      }),
      analysisPages: new Histogram({
        name: 'quento_analysis_pages',
        help: 'Pages crawled by a completed analysis',
        buckets: [1, 2, 5, 10, 20, 30, 50, 100],
        registers,
      }),
    });
    new Gauge({
      name: 'quento_queue_jobs',
      help: 'Jobs in the queues by state (failed: given up, kept for inspection)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, q] of [
          ['analysis', app.analysisQueue],
          ['chat', app.chatQueue],
        ] as const) {
          // Redis away: no figures rather than a failed scrape (readiness reports the outage).
          const counts = await q?.counts().catch(() => undefined);
          for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue, state }, n);
        }
      },
    });
    new Gauge({
      name: 'quento_websocket_connections',
      help: 'Open WebSocket connections on this instance',
      registers,
      collect() {
        this.set(app.websocketServer?.clients.size ?? 0);
      },
    });
    app.decorate('metrics', registry);
    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: ids in paths would explode the label set.
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });
    const token = config.METRICS_TOKEN ? Buffer.from(`Bearer ${config.METRICS_TOKEN}`) : undefined;
    // Production never serves metrics to anyone who asks: set METRICS_TOKEN to scrape.
    if (!token && config.NODE_ENV === 'production') return;
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (token && !safeEqual(Buffer.from(request.headers.authorization ?? ''), token)) {
        throw errors.unauthorized('A valid metrics token is required');
      }
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);

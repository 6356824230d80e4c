import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.ts';

/** Routes that keep answering while the instance drains: the load balancer must see it leave. */
const HEALTH_ROUTES = new Set(['/healthz', '/readyz']);

/**
 * The instance's shutdown state. On SIGTERM, boot.ts calls `drain`: from then on /readyz answers
 * 503 and every other new request (and WebSocket upgrade) gets 503 SERVICE_UNAVAILABLE, while
 * requests and chat streams already under way run to their end, up to the grace period.
 */
export interface Lifecycle {
  readonly draining: boolean;
  /** Keeps the instance up until `work` settles (a streamed reply), within the grace period. */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Starts draining and resolves once nothing is in flight or `graceMs` has passed; returns how
   * much was still in flight then (0 when everything finished).
   */
  drain(graceMs: number): Promise<number>;
}

class InstanceLifecycle implements Lifecycle {
  draining = false;
  private inFlight = 0;
  private idle: (() => void) | undefined;

  begin(): void {
    this.inFlight += 1;
  }

  end(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.idle?.();
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.begin();
    return work.finally(() => this.end());
  }

  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          this.idle = resolve;
        }),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    return this.inFlight;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

/** External layer: counts requests in flight and refuses new work once the instance drains. */
export default fp(
  async (app: FastifyInstance) => {
    const lifecycle = new InstanceLifecycle();
    app.decorate('lifecycle', lifecycle);
    const counted = new WeakSet<object>();
    // Callback-style hooks, as in app.ts: no promise per request on the hot path.
    app.addHook('onRequest', (request, reply, next) => {
      if (lifecycle.draining) {
        if (HEALTH_ROUTES.has(request.routeOptions.url ?? '')) return next();
        // The client's next request goes to another instance; this connection is not reused.
        reply.header('connection', 'close');
        return next(
          new AppError(
            'SERVICE_UNAVAILABLE',
            'This server is restarting; try again shortly',
            undefined,
            1,
          ),
        );
      }
      // A WebSocket stays open for as long as the client likes: its turns are tracked instead.
      // (request.ws is set by @fastify/websocket's own hook, after this one.)
      if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
        lifecycle.begin();
        counted.add(request);
      }
      next();
    });
    const done = (request: object, next: () => void) => {
      if (counted.delete(request)) lifecycle.end();
      next();
    };
    app.addHook('onResponse', (request, _reply, next) => done(request, next));
    app.addHook('onRequestAbort', (request, next) => done(request, next));
  },
  { name: 'lifecycle' },
);

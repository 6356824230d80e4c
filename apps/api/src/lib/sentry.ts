import type * as SentryModule from '@sentry/node';
import type { Config } from '../config.ts';

let Sentry: typeof SentryModule | undefined;

/**
 * Sentry, when SENTRY_DSN is set: unexpected errors (the 500s) and a sampled share of requests as
 * traces (SENTRY_TRACES_SAMPLE_RATE). One client per process, started by boot.ts. No request
 * bodies, headers, cookies or user data are sent (sendDefaultPii off, and nothing attached here).
 */
export async function initSentry(config: Config): Promise<boolean> {
  if (!config.SENTRY_DSN) return false;
  // Loaded only when used: it brings OpenTelemetry's instrumentation with it.
  Sentry = await import('@sentry/node');
  Sentry.init({
    dsn: config.SENTRY_DSN,
    environment: config.NODE_ENV,
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
    sendDefaultPii: false,
    // Our own spans per request (below); the automatic ones need a loader hook at start-up.
    defaultIntegrations: false,
    integrations: [
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration(),
    ],
  });
  return true;
}

/** Whether initSentry started a client in this process. */
export const active = () => Sentry?.getClient() !== undefined;

/** Reports an unexpected error with the request id to quote; a no-op without Sentry. */
export function captureUnexpected(err: unknown, requestId: string, route: string): void {
  const sentry = Sentry;
  if (!sentry || !active()) return;
  sentry.withScope((scope) => {
    scope.setTag('request_id', requestId);
    scope.setTag('route', route);
    sentry.captureException(err);
  });
}

/** A server span for one request (sampled by the client's rate); ends with `end(status)`. */
export function requestSpan(name: string): ((status: number) => void) | undefined {
  if (!Sentry || !active()) return undefined;
  const span = Sentry.startInactiveSpan({ name, op: 'http.server', forceTransaction: true });
  return (status) => {
    span.setAttribute('http.response.status_code', status);
    span.setStatus({ code: status >= 500 ? 2 : 1 });
    span.end();
  };
}

/** Sends what is queued (shutdown, tests). */
export const flushSentry = (ms = 2000) =>
  Sentry && active() ? Sentry.flush(ms) : Promise.resolve(true);

import type { Tracer } from '@opentelemetry/api';
import type { Config } from '../config.ts';

export interface OtelTracing {
  /** A server span for one request; ends with `end(status)`. */
  requestSpan(name: string, method: string, route: string): (status: number) => void;
  /** Exports what is buffered and stops (on close). */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces behind OTEL_TRACES: one span per request, exported over OTLP/HTTP (JSON) to
 * OTEL_EXPORTER_OTLP_ENDPOINT (a collector, Jaeger, Tempo...). The provider is this app's own, not
 * the global one, so it does not meet Sentry's (which also runs on OpenTelemetry).
 */
export async function startOtel(config: Config): Promise<OtelTracing | undefined> {
  if (!config.OTEL_TRACES || !config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  // Loaded only when the flag is on.
  const [{ SpanStatusCode }, { OTLPTraceExporter }, { resourceFromAttributes }, sdk] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-base'),
    ]);
  const { BasicTracerProvider, BatchSpanProcessor } = sdk;
  const exporter = new OTLPTraceExporter({
    url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  const tracer: Tracer = provider.getTracer('quento-api');
  return {
    requestSpan(name, method, route) {
      const span = tracer.startSpan(name, {
        attributes: { 'http.request.method': method, 'http.route': route },
      });
      return (status) => {
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
    },
    shutdown: () => provider.shutdown(),
  };
}

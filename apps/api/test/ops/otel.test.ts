import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { LogCapture, testConfig } from '../support/app.ts';
import { backends } from '../support/db.ts';

interface Attribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string };
}
interface ExportedSpan {
  name: string;
  attributes: Attribute[];
  status?: { code?: number };
}

/** A loopback OTLP/HTTP receiver: `POST /v1/traces` with the JSON encoding of an export request. */
async function startCollector() {
  const spans: (ExportedSpan & { service?: string })[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        const payload = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: Attribute[] };
            scopeSpans: { spans: ExportedSpan[] }[];
          }[];
        };
        for (const rs of payload.resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value
            .stringValue;
          for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ ...s, service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const backend = backends.find((b) => b.name === 'postgres' && b.available) ?? backends[0]!;
const attr = (s: ExportedSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue === undefined ? undefined : Number(v.intValue));
};

describe('OpenTelemetry traces behind OTEL_TRACES', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let db: Awaited<ReturnType<typeof backend.open>>;
  beforeAll(async () => {
    collector = await startCollector();
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.dispose();
    await collector?.close();
  });

  it('exports a span per request, named by route, with method, route and status', async () => {
    const app = await buildApp(
      testConfig({ OTEL_TRACES: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }),
      { db: db.handle, logStream: new LogCapture() },
    );
    await app.ready();
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/users/me' })).statusCode).toBe(401);
    await app.close(); // flushes the batch
    const health = collector.spans.find((s) => s.name === 'GET /healthz');
    expect(health, JSON.stringify(collector.spans.map((s) => s.name))).toBeDefined();
    expect(health!.service).toBe('quento-api');
    expect(attr(health!, 'http.route')).toBe('/healthz');
    expect(attr(health!, 'http.request.method')).toBe('GET');
    expect(attr(health!, 'http.response.status_code')).toBe(200);
    const me = collector.spans.find((s) => s.name === 'GET /api/v1/users/me')!;
    expect(attr(me, 'http.response.status_code')).toBe(401);
  });

  it('sends nothing with the flag off, and wants an endpoint with it on', async () => {
    const before = collector.spans.length;
    const app = await buildApp(testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }), {
      db: db.handle,
      logStream: new LogCapture(),
    });
    await app.ready();
    await app.inject({ url: '/healthz' });
    await app.close();
    expect(collector.spans).toHaveLength(before);
    expect(() => loadConfig({ OTEL_TRACES: 'true' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

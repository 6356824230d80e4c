import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { flushSentry, initSentry } from '../../src/lib/sentry.ts';
import { LogCapture, testConfig } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { until } from '../support/processes.ts';

/** One envelope item: its header and its payload (JSON). */
interface Item {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * A loopback server speaking Sentry's ingestion protocol: `POST /api/<project>/envelope/` with
 * an envelope (a header line, then item header and payload lines), answered 200 `{}`.
 */
async function startSentryServer() {
  const items: Item[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(req.url ?? '');
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const lines = raw.toString('utf8').split('\n').filter(Boolean);
      for (let i = 1; i + 1 < lines.length; i += 2) {
        const header = JSON.parse(lines[i]!) as { type: string };
        items.push({ type: header.type, payload: JSON.parse(lines[i + 1]!) });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/42`,
    items,
    paths,
    raw: () => JSON.stringify(items),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const backend = backends.find((b) => b.name === 'postgres' && b.available) ?? backends[0]!;

describe('Sentry, when SENTRY_DSN is set', () => {
  let sentry: Awaited<ReturnType<typeof startSentryServer>>;
  let db: Awaited<ReturnType<typeof backend.open>>;
  let app: App;

  beforeAll(async () => {
    sentry = await startSentryServer();
    db = await backend.open();
    const config = testConfig({ SENTRY_DSN: sentry.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' });
    expect(await initSentry(config)).toBe(true);
    app = await buildApp(config, { db: db.handle, logStream: new LogCapture() });
    // A route that fails the way a bug would, to see what reaches Sentry.
    app.post('/test/boom', async () => {
      throw new Error('the kind of bug Sentry is for');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await Sentry.close(2000);
    await db?.dispose();
    await sentry?.close();
  });

  it('sends an unexpected error with its request id, and none of the request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/boom',
      payload: { password: 'hunter2-never-sent', email: 'owner@example.com' },
      headers: { authorization: 'Bearer secret-token-never-sent' },
    });
    expect(res.statusCode).toBe(500);
    const requestId = res.json().error.request_id as string;
    await flushSentry();
    const event = await until('the error event', async () =>
      sentry.items.find((i) => i.type === 'event'),
    );
    expect(sentry.paths[0]).toMatch(/^\/api\/42\/envelope\//);
    expect(JSON.stringify(event.payload.exception)).toContain('the kind of bug Sentry is for');
    expect(event.payload.tags).toMatchObject({ request_id: requestId, route: '/test/boom' });
    expect(event.payload.environment).toBe('test');
    for (const secret of ['hunter2-never-sent', 'owner@example.com', 'secret-token-never-sent']) {
      expect(sentry.raw()).not.toContain(secret);
    }
  });

  it('sends a trace per sampled request, named by its route, with its status', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await flushSentry();
    const transaction = await until('the transaction', async () =>
      sentry.items.find(
        (i) => i.type === 'transaction' && i.payload.transaction === 'GET /healthz',
      ),
    );
    const trace = (transaction.payload.contexts as { trace: { data?: Record<string, unknown> } })
      .trace;
    expect(trace.data?.['http.response.status_code']).toBe(200);
    // The failed request of the first test was traced too, marked as an error.
    const failed = sentry.items.find(
      (i) => i.type === 'transaction' && i.payload.transaction === 'POST /test/boom',
    );
    expect(failed, JSON.stringify(sentry.items.map((i) => i.payload.transaction))).toBeDefined();
  });

  it('handled errors (4xx) are not reported', async () => {
    const before = sentry.items.filter((i) => i.type === 'event').length;
    expect((await app.inject({ url: '/api/v1/users/me' })).statusCode).toBe(401);
    await flushSentry();
    expect(sentry.items.filter((i) => i.type === 'event')).toHaveLength(before);
  });
});

import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';

/** Sends raw bytes and returns the status and the parsed JSON body of the answer. */
function raw(
  port: number,
  request: string,
): Promise<{ status: number; body: unknown; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      try {
        resolve({ status, body: JSON.parse(rest.join('\r\n\r\n')), head });
      } catch {
        resolve({ status, body: rest.join(''), head });
      }
    });
    socket.end(request);
  });
}

const shaped = (body: unknown, code: string) =>
  expect(body).toEqual({
    error: { code, message: expect.any(String), request_id: expect.any(String) },
  });

// Finding 6: errors the router and the HTTP parser raise before the error handler runs still
// leave in the standard shape with a request id.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false' });
  let s: Session;
  let port: number;

  beforeAll(async () => {
    s = await register(ctx.app);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
  });

  it('a 10 KB path parameter is answered in the standard shape (404 or 414)', async () => {
    const res = await ctx.app.inject({
      url: `/api/v1/analysis/${'a'.repeat(10_000)}`,
      headers: bearer(s.access),
    });
    // The router refuses the parameter (FST_ERR_MAX_PARAM_LENGTH: 414 URI_TOO_LONG), unless the
    // web app's catch-all route takes the path, which answers API paths with a 404.
    const status = res.statusCode === 414 ? 414 : 404;
    assertError(res, status, status === 414 ? 'URI_TOO_LONG' : 'NOT_FOUND');
    expect(res.headers['x-request-id']).toBe(res.json().error.request_id);
  });

  it('a malformed percent-encoding in the path is a 400 in the standard shape', async () => {
    const res = await ctx.app.inject({
      url: '/api/v1/analysis/%E0%A4%A',
      headers: bearer(s.access),
    });
    assertError(res, 400);
  });

  it('a 100 KB query string is a 431 HEADERS_TOO_LARGE in the standard shape', async () => {
    const res = await raw(
      port,
      `GET /api/v1/users/me?q=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    shaped(res.body, 'HEADERS_TOO_LARGE');
    expect(res.head.toLowerCase()).toContain('content-type: application/json');
  });

  it('a request line the parser cannot read is a 400 in the standard shape', async () => {
    const res = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(res.status).toBe(400);
    shaped(res.body, 'BAD_REQUEST');
  });
});

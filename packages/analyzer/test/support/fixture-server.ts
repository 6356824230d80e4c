import { readFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIXTURES = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

/** Special behaviour for a path, from a fixture's `_routes.json`. */
interface Route {
  status?: number;
  redirect?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
  body?: string;
  gzip?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface FixtureServer {
  origin: string;
  port: number;
  /** Requests received, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves a fixture site on 127.0.0.1. `{{ORIGIN}}` and any `{{VAR}}` in text files are replaced,
 * and `_routes.json` adds redirects, statuses, headers, delays and hanging responses. With `tls`
 * (a key and certificate) it serves HTTPS.
 */
export async function serveFixture(
  name: string | null,
  vars: Record<string, string> = {},
  tls?: { key: string; cert: string },
): Promise<FixtureServer> {
  const root = name ? join(FIXTURES, name) : null;
  const routes: Record<string, Route> = root
    ? JSON.parse(await readFile(join(root, '_routes.json'), 'utf8').catch(() => '{}'))
    : {};
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  let origin = '';
  const fill = (s: string) =>
    s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => (k === 'ORIGIN' ? origin : (vars[k] ?? '')));
  const send = (
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string | Buffer,
  ) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const handler: RequestListener = async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (!root) return send(res, 200, { 'content-type': 'text/plain' }, 'secret');
    const route = routes[path] ?? {};
    if (route.hang) return; // never answers: the crawler's timeout must handle it
    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    const headers = Object.fromEntries(
      Object.entries(route.headers ?? {}).map(([k, v]) => [k, fill(v)]),
    );
    if (route.redirect) {
      return send(res, route.status ?? 301, { ...headers, location: fill(route.redirect) }, '');
    }
    if (route.body !== undefined) {
      return send(
        res,
        route.status ?? 200,
        { 'content-type': 'text/html', ...headers },
        fill(route.body),
      );
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || file.endsWith('_routes.json')) {
      return send(res, 404, { 'content-type': 'text/html' }, '<title>Not found</title>');
    }
    try {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const raw = await readFile(file);
      const body =
        type.startsWith('text/') || type.includes('xml') || type.includes('javascript')
          ? fill(raw.toString('utf8'))
          : raw;
      if (route.gzip) {
        return send(
          res,
          route.status ?? 200,
          { 'content-type': type, 'content-encoding': 'gzip', ...headers },
          gzipSync(body),
        );
      }
      send(res, route.status ?? 200, { 'content-type': type, ...headers }, body);
    } catch {
      send(
        res,
        404,
        { 'content-type': 'text/html; charset=utf-8' },
        '<!doctype html><title>Not found</title><h1>Not found</h1>',
      );
    }
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    port,
    hits,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

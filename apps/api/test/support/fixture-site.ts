import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixturePage {
  status?: number;
  headers?: Record<string, string>;
  body: string;
  /** Milliseconds before the response starts. */
  delayMs?: number;
}

/** A small website on loopback whose pages a test can change between analyses. */
export interface FixtureSite {
  url: string;
  origin: string;
  pages: Map<string, FixturePage>;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export function page(opts: {
  title?: string;
  description?: string;
  h1?: string;
  words?: number;
  links?: string[];
  extraHead?: string;
}): string {
  const words = Array.from({ length: opts.words ?? 250 }, (_, i) => `word${i % 37}`).join(' ');
  const links = (opts.links ?? [])
    .map((l) => `<a href="${l}">Read about ${l.replace('/', '') || 'home'}</a>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.title ? `<title>${opts.title}</title>` : ''}
${opts.description ? `<meta name="description" content="${opts.description}">` : ''}
${opts.extraHead ?? ''}
</head><body>${opts.h1 ? `<h1>${opts.h1}</h1>` : ''}<p>${words}</p>${links}</body></html>`;
}

/** A bakery with planted problems: the home page lacks a description, /about is thin. */
export function bakeryPages(): Map<string, FixturePage> {
  const nav = ['/', '/about', '/menu'];
  return new Map<string, FixturePage>([
    [
      '/robots.txt',
      { body: 'User-agent: *\nAllow: /\n', headers: { 'content-type': 'text/plain' } },
    ],
    ['/', { body: page({ title: 'Rise Bakery', h1: 'Fresh bread daily', links: nav }) }],
    [
      '/about',
      {
        body: page({
          title: 'About Rise Bakery',
          description: 'Our story since 1999.',
          h1: 'About us',
          words: 40,
          links: nav,
        }),
      },
    ],
    [
      '/menu',
      {
        body: page({
          title: 'Menu of Rise Bakery',
          description: 'Breads, cakes and pastries.',
          h1: 'Menu',
          links: nav,
        }),
      },
    ],
  ]);
}

export async function startFixtureSite(pages: Map<string, FixturePage>): Promise<FixtureSite> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const p = pages.get(path);
    const send = () => {
      if (res.destroyed) return;
      if (!p) {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Not found</title>');
        return;
      }
      res.writeHead(p.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...p.headers });
      res.end(p.body);
    };
    if (p?.delayMs) setTimeout(send, p.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    pages,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A slow site: a start page and `pages - 1` linked pages, each answering after `delayMs`, so a
 * crawl lasts long enough for a test to stop a worker in the middle of it. */
export function slowSite(pages = 13, delayMs = 600): Map<string, FixturePage> {
  const links = Array.from({ length: pages - 1 }, (_, i) => `/p${i}`);
  return new Map(
    ['/', ...links].map((path) => [
      path,
      { delayMs, body: page({ title: `Page ${path}`, links }) },
    ]),
  );
}

import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** Paths that belong to the API: never answered with the app, whatever the Accept header says. */
const API_PATHS = ['/api', '/docs', '/ws', '/metrics', '/healthz', '/readyz', '/openapi.json'];
const isApiPath = (path: string) =>
  API_PATHS.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`));

/** What `expo export --platform web` names by content hash: safe to cache for a year. */
const HASHED = /^(_expo\/static|assets)\//;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quento</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>The Quento app is not built yet</h1>
<p>The API is running (<a href="/docs">API docs</a>). Build the web app with
<code>node scripts/build-web.mjs</code>, or restart with <code>npm start</code>, which builds it.</p>
</body></html>
`;

/**
 * The app's pages may load only their own scripts: no inline or third-party script, so an injected
 * one cannot read the session the web build keeps in localStorage. React Native Web writes its
 * styles at run time (inline styles allowed); the API and its sockets are on the same origin.
 * Pictures may also come from the file store's origin (`fileOrigin`: an S3 bucket's links).
 */
export function appCsp(fileOrigin: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${fileOrigin ? ` ${fileOrigin}` : ''}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Where the file store's links point when that is not this API (S3): a link's own origin. */
async function fileStoreOrigin(app: FastifyInstance): Promise<string | null> {
  if (app.files.kind === 'local') return null;
  const probe = await app.files.link('csp/probe', {
    filename: 'probe',
    contentType: 'image/jpeg',
    disposition: 'inline',
    expiresIn: 1,
  });
  return new URL(probe.url).origin;
}

const acceptsHtml = (request: FastifyRequest) =>
  (request.headers.accept ?? '').toLowerCase().includes('text/html');

/** A file inside `root` for a URL path, or null (missing, a folder, or outside the root). */
function fileIn(root: string, rel: string): string | null {
  const path = normalize(join(root, rel));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    return statSync(path).isFile() ? path.slice(root.length + 1) : null;
  } catch {
    return null;
  }
}

function decodePath(raw: string): string | null {
  try {
    const path = decodeURIComponent(raw);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

/**
 * Serves the app's web build (APP_DIST_DIR) at `/`, so the app and the API share one address:
 * pre-compressed `.br` / `.gz` siblings when the client takes them, hashed assets cached for a
 * year, HTML revalidated every time. A browser's deep link (`/plan/123`) gets the page exported
 * for that route, else `index.html`, and the client-side router takes it from there. Unknown API
 * paths keep their JSON 404. Without a build, `/` says so.
 */
export default async function webApp(app: FastifyInstance, { config }: { config: Config }) {
  const root = normalize(config.APP_DIST_DIR).replace(/[\\/]+$/, '');
  const csp = appCsp(await fileStoreOrigin(app));
  const built = () => existsSync(join(root, 'index.html'));

  if (existsSync(root)) {
    await app.register(fastifyStatic, {
      root,
      serve: false,
      preCompressed: true,
      // Cache-Control is ours (below), not send's `max-age=0`.
      cacheControl: false,
      // The build stamp and any other dotfile stay private.
      dotfiles: 'ignore',
      setHeaders: (res, path) => {
        const rel = path
          .slice(root.length + 1)
          .split(sep)
          .join('/');
        res.setHeader(
          'cache-control',
          HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        if (rel.endsWith('.html')) res.setHeader('content-security-policy', csp);
      },
    });
  }

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.url.split('?')[0] ?? '/';
    if (isApiPath(raw)) return reply.callNotFound();
    if (!built()) {
      if (raw === '/' && acceptsHtml(request)) {
        return reply.status(404).type('text/html; charset=utf-8').send(NOT_BUILT);
      }
      return reply.callNotFound();
    }
    const path = decodePath(raw);
    if (path === null) return reply.callNotFound();
    const rel = path.replace(/^\/+/, '');
    // Which sibling is sent depends on Accept-Encoding (CORS already varies on Origin).
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const file = rel === '' ? 'index.html' : fileIn(root, rel);
    if (file) return reply.sendFile(file);
    if (!acceptsHtml(request)) return reply.callNotFound();
    // A deep link: the route's own exported page, else the single-page shell.
    const page =
      fileIn(root, `${rel.replace(/\/+$/, '')}.html`) ??
      fileIn(root, join(rel, 'index.html')) ??
      'index.html';
    return reply.sendFile(page);
  };

  app.get('/', { schema: { hide: true } }, serve);
  app.get('/*', { schema: { hide: true } }, serve);
}

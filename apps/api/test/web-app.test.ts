import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { assertError, useApp } from './support/app.ts';
import { backends } from './support/db.ts';
import { type S3TestServer, startS3 } from './support/s3.ts';

// The app's web build served by the API, against a dist folder this file writes.
const dist = mkdtempSync(join(tmpdir(), 'quento-dist-'));
const write = (rel: string, data: string | Buffer) => {
  mkdirSync(dirname(join(dist, rel)), { recursive: true });
  writeFileSync(join(dist, rel), data);
};
const ENTRY = '_expo/static/js/web/entry-0123456789abcdef.js';
const entryJs = `console.log(${JSON.stringify('quento '.repeat(500))});\n`;
const INDEX = '<!doctype html><html><body><div id="root"></div>index shell</body></html>';
write('index.html', INDEX);
write('reset-password.html', '<!doctype html><html><body>reset page</body></html>');
write('settings/index.html', '<!doctype html><html><body>settings page</body></html>');
write(ENTRY, entryJs);
write(`${ENTRY}.br`, brotliCompressSync(entryJs));
write(`${ENTRY}.gz`, gzipSync(entryJs));
write('assets/icon.5f2d.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
write('favicon.ico', Buffer.from([0, 0, 1, 0]));
write('.quento-build-stamp', 'private');
afterAll(() => rmSync(dist, { recursive: true, force: true }));
const s3: S3TestServer = await startS3();
afterAll(() => s3.close());

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const pglite = backends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('no PGlite backend');

describe('with a web build and files in an S3 bucket', () => {
  const ctx = useApp(pglite, {
    APP_DIST_DIR: dist,
    S3_URL: s3.url,
    S3_PUBLIC_URL: 'http://localhost:9000',
  });

  it('lets the pages show pictures from the bucket’s link origin, and from nowhere else', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/', headers: HTML });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data: blob: http://localhost:9000;");
    expect(csp).toContain("connect-src 'self';");
  });
});

describe('with a web build', () => {
  const ctx = useApp(pglite, { APP_DIST_DIR: dist });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers });

  it('serves index.html at / with no-cache, and answers HEAD', async () => {
    const res = await get('/', HTML);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
    const head = await ctx.app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    // Without an Accept header (curl), / is still the app.
    expect((await get('/')).body).toBe(INDEX);
  });

  it('sends a Content-Security-Policy with every page that allows only its own scripts', async () => {
    for (const url of ['/', '/reset-password', '/plan/some-id']) {
      const csp = String((await get(url, HTML)).headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, url).toContain("frame-ancestors 'none'");
    }
    // Scripts and images are not documents: no policy needed on them.
    expect((await get(`/${ENTRY}`)).headers['content-security-policy']).toBeUndefined();
    // Files on local disk come from this origin: pictures from 'self' only.
    const csp = String((await get('/', HTML)).headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data: blob:;");
  });

  it('sends the brotli or gzip sibling when the client takes it, the plain file otherwise', async () => {
    const br = await get(`/${ENTRY}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(entryJs);

    const gz = await get(`/${ENTRY}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(entryJs);

    const plain = await get(`/${ENTRY}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(entryJs);
  });

  it('caches hashed assets for a year and revalidates the rest', async () => {
    for (const url of [`/${ENTRY}`, '/assets/icon.5f2d.png']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    expect((await get('/favicon.ico')).headers['cache-control']).toBe('no-cache');
    expect((await get('/reset-password', HTML)).headers['cache-control']).toBe('no-cache');
  });

  it('answers a browser’s deep link with the route’s page, else the shell', async () => {
    const reset = await get('/reset-password?token=abc123', HTML);
    expect(reset.statusCode).toBe(200);
    expect(reset.body).toContain('reset page');
    expect((await get('/settings', HTML)).body).toContain('settings page');
    expect((await get('/settings/', HTML)).body).toContain('settings page');
    const deep = await get('/plan/3f9a/recommendations?tab=evidence', HTML);
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(INDEX);
    // Not a browser asking for a page: a missing file is a 404 with the usual JSON body.
    assertError(await get('/plan/3f9a', { accept: 'application/json' }), 404, 'NOT_FOUND');
    assertError(await get('/_expo/static/js/web/missing.js'), 404, 'NOT_FOUND');
  });

  it('never serves a file outside the build, nor its dotfiles', async () => {
    for (const url of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/.quento-build-stamp',
    ]) {
      const res = await get(url, HTML);
      expect(res.body, url).not.toContain('root:');
      expect(res.body, url).not.toContain('private');
    }
    assertError(await get('/.quento-build-stamp'), 404, 'NOT_FOUND');
  });

  it('leaves the API, its docs and health checks as they were', async () => {
    for (const url of ['/api/v1/nope', '/api/v1/users/me/nothing', '/ws/nope', '/docs/nope']) {
      assertError(await get(url, HTML), 404, 'NOT_FOUND');
    }
    assertError(await ctx.app.inject({ method: 'POST', url: '/plan', headers: HTML }), 404);
    assertError(await get('/api/v1/users/me', HTML), 401, 'UNAUTHORIZED');
    const docs = await get('/docs', HTML);
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
    expect((await get('/openapi.json')).json().paths['/api/v1/auth/login']).toBeDefined();
    const health = await get('/healthz', HTML);
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-type']).toMatch(/json/);
    expect((await get('/metrics')).statusCode).toBe(200);
  });

  it('without a build folder, still starts and says at / that the app is not built', async () => {
    // extraApp's apps are closed after the file.
    const bare = await ctx.extraApp({ APP_DIST_DIR: join(dist, 'missing') });
    const page = await bare.inject({ url: '/', headers: HTML });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('not built');
    assertError(await bare.inject({ url: '/' }), 404, 'NOT_FOUND');
    assertError(await bare.inject({ url: '/plan', headers: HTML }), 404, 'NOT_FOUND');
    expect((await bare.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('configuration', () => {
  it('finds the web build from the API package, and defaults APP_BASE_URL to the API', () => {
    const base = { NODE_ENV: 'test', INIT_CWD: '/somewhere/else' };
    const config = loadConfig({ ...base, PORT: '8123' });
    expect(config.APP_DIST_DIR).toBe(join(import.meta.dirname, '..', '..', 'mobile', 'dist'));
    expect(config.APP_BASE_URL).toBe('http://localhost:8123');
    expect(loadConfig({ ...base, PUBLIC_API_URL: 'https://quento.example' }).APP_BASE_URL).toBe(
      'https://quento.example',
    );
    const set = loadConfig({ ...base, APP_BASE_URL: 'http://localhost:8081', APP_DIST_DIR: 'web' });
    expect(set.APP_BASE_URL).toBe('http://localhost:8081');
    expect(set.APP_DIST_DIR).toBe('/somewhere/else/web');
  });
});

describe('scripts/compress-web.mjs', () => {
  it('writes .br and .gz beside text files over 1 kB, and skips the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quento-compress-'));
    try {
      const big = 'body { color: red; }\n'.repeat(200);
      writeFileSync(join(dir, 'index.html'), `<html>${big}</html>`);
      mkdirSync(join(dir, 'css'));
      writeFileSync(join(dir, 'css', 'app.css'), big);
      writeFileSync(join(dir, 'small.js'), 'x()');
      writeFileSync(join(dir, 'app.js.map'), big);
      writeFileSync(join(dir, 'font.ttf'), big);
      const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'compress-web.mjs');
      const run = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/compressed 2 files/);
      const css = join(dir, 'css', 'app.css');
      expect(brotliDecompressSync(readFileSync(`${css}.br`)).toString()).toBe(big);
      expect(gunzipSync(readFileSync(`${css}.gz`)).toString()).toBe(big);
      expect(readFileSync(`${css}.br`).length).toBeLessThan(big.length / 10);
      expect(existsSync(join(dir, 'index.html.br'))).toBe(true);
      for (const skipped of ['small.js', 'app.js.map', 'font.ttf']) {
        expect(existsSync(join(dir, `${skipped}.br`)), skipped).toBe(false);
        expect(existsSync(join(dir, `${skipped}.gz`)), skipped).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

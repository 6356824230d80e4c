import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzerError, analyzeSite } from '../src/index.ts';
import { Fetcher } from '../src/net/fetcher.ts';
import { type FixtureServer, serveFixture } from './support/fixture-server.ts';

let shop: FixtureServer;
let loops: FixtureServer;
beforeAll(async () => {
  shop = await serveFixture('shop');
  loops = await serveFixture('ssrf');
});
afterAll(async () => {
  await shop.close();
  await loops.close();
});

const base = () => ({ url: `${shop.origin}/`, allowPrivate: true, requestTimeoutMs: 2_000 });

describe('crawl limits', () => {
  it('stops at maxPages and lists what it left out', async () => {
    const r = await analyzeSite({ ...base(), maxPages: 3 });
    expect(r.pages.map((p) => p.url.replace(shop.origin, ''))).toEqual([
      '/',
      '/about.html',
      '/services.html',
    ]);
    expect(r.site.skipped.filter((s) => s.reason === 'limit').length).toBeGreaterThan(0);
  });

  it('stops at maxDepth', async () => {
    const r = await analyzeSite({ ...base(), maxDepth: 0 });
    expect(r.pages).toHaveLength(1);
  });

  it('starts no new page after the time budget', async () => {
    const r = await analyzeSite({ ...base(), timeBudgetMs: 1 });
    expect(r.pages).toHaveLength(1);
    expect(r.site.skipped.some((s) => s.reason === 'limit')).toBe(true);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const err = await analyzeSite({
      ...base(),
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'audited') controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((err as AnalyzerError).code).toBe('ABORTED');
  });

  it('a per-host delay still completes the crawl', async () => {
    const r = await analyzeSite({ ...base(), perHostDelayMs: 5, maxPages: 4, concurrency: 2 });
    expect(r.pages).toHaveLength(4);
  });
});

describe('fetcher bounds', () => {
  const fetcher = (maxBytes = 5_000_000) =>
    new Fetcher({
      policy: { allowPrivate: true },
      userAgent: 't',
      requestTimeoutMs: 1_000,
      maxBytes,
    });

  it('caps the response size', async () => {
    const f = fetcher(100);
    const r = await f.fetch(`${shop.origin}/`);
    await f.close();
    expect(r.error?.code).toBe('RESPONSE_TOO_LARGE');
    expect(r.body).toBeNull();
  });

  it('times out a hanging response', async () => {
    const f = fetcher();
    const r = await f.fetch(`${shop.origin}/hanging.html`);
    await f.close();
    expect(r.error?.code).toBe('REQUEST_TIMEOUT');
  });

  it('gives up on redirect loops and records the hops', async () => {
    const f = fetcher();
    const r = await f.fetch(`${loops.origin}/loop`);
    await f.close();
    expect(r.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(r.redirects.length).toBe(11);
  });

  it('decodes compressed bodies', async () => {
    const f = fetcher();
    const r = await f.fetch(`${shop.origin}/orphan.html`);
    await f.close();
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.body).toContain('<h1>Spring offer</h1>');
  });

  it('does not read binary bodies', async () => {
    const f = fetcher();
    const r = await f.fetch(`${shop.origin}/brochure.pdf`);
    await f.close();
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();
  });

  it('fails the start URL cleanly when nothing listens', async () => {
    const err = await analyzeSite({ url: 'http://127.0.0.1:9/', allowPrivate: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AnalyzerError);
    expect((err as AnalyzerError).code).toBe('START_URL_UNREACHABLE');
  });
});

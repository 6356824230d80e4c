import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisReport, analyze } from '../src/index.ts';
import { type FixtureServer, serveFixture } from './support/fixture-server.ts';

// The home page's screenshot: an opt-in beside the crawl, in the crawl's own browser, through the
// SSRF proxy like every rendered request, and never a reason for an analysis to fail.
let site: FixtureServer;
let secret: FixtureServer;
let staticShot: AnalysisReport;
let renderedShot: AnalysisReport;
let renderedHits: Map<string, number>;
let without: AnalysisReport;
let noBrowser: AnalysisReport;

const jpeg = (data: Uint8Array | undefined) => [...(data ?? new Uint8Array()).subarray(0, 3)];

beforeAll(async () => {
  secret = await serveFixture(null);
  site = await serveFixture('storefront', { SECRET: secret.origin });
  // Only the site's own origin is allowed: the secret server (loopback, another port) is not.
  const base = { allowOrigins: [site.origin], requestTimeoutMs: 10_000 };
  staticShot = await analyze(`${site.origin}/`, { ...base, screenshot: true });
  site.hits.clear();
  renderedShot = await analyze(`${site.origin}/`, { ...base, render: true, screenshot: true });
  renderedHits = new Map(site.hits);
  without = await analyze(`${site.origin}/`, base);
  noBrowser = await analyze(`${site.origin}/`, {
    ...base,
    screenshot: true,
    chromiumPath: '/nonexistent/chromium',
  });
}, 90_000);
afterAll(async () => {
  await site?.close();
  await secret?.close();
});

describe('screenshot of the home page', () => {
  it('a static crawl returns the first screen as a JPEG, 1280 x 800', () => {
    expect(staticShot.mode).toBe('static');
    expect(staticShot.screenshot).toMatchObject({
      url: `${site.origin}/`,
      contentType: 'image/jpeg',
      width: 1280,
      height: 800,
    });
    expect(jpeg(staticShot.screenshot?.data)).toEqual([0xff, 0xd8, 0xff]);
    expect(staticShot.screenshot?.data.length).toBeGreaterThan(2_000);
    expect(staticShot.screenshotError).toBeUndefined();
  });

  it('shows the page’s pictures, while the pages rendered for the audits load none', () => {
    expect(renderedShot.mode).toBe('rendered');
    expect(renderedShot.pages.every((p) => p.rendered)).toBe(true);
    expect(jpeg(renderedShot.screenshot?.data)).toEqual([0xff, 0xd8, 0xff]);
    // The home page was rendered twice (audit and screenshot); only the screenshot fetched the hero.
    expect(renderedHits.get('/')).toBeGreaterThanOrEqual(2);
    expect(renderedHits.get('/hero.png')).toBe(1);
    expect(renderedHits.get('/about.png')).toBeUndefined();
  });

  it('sends the screenshot’s requests through the SSRF guard', () => {
    expect(secret.hits.size).toBe(0);
    expect(staticShot.site.blockedRequests).toContain(`${secret.origin}/tracker.png`);
  });

  it('takes none unless asked, and without a browser says why instead of failing', () => {
    expect('screenshot' in without).toBe(false);
    expect(noBrowser.pages.length).toBe(2);
    expect(noBrowser.screenshot).toBeNull();
    expect(noBrowser.screenshotError).toMatchObject({ code: 'CHROMIUM_NOT_FOUND' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisReport, AnalyzerError, analyzeSite } from '../src/index.ts';
import { type FixtureServer, serveFixture } from './support/fixture-server.ts';

// One Chromium for this file: a single rendered analysis whose report every test reads.
let spa: FixtureServer;
let secret: FixtureServer;
let rendered: AnalysisReport;
let staticReport: AnalysisReport;
let auto: AnalysisReport;
let noBrowser: AnalysisReport;
// The spa server's hits as the rendered run left them (the auto run renders again).
let hitsAfterRendered: Map<string, number>;

beforeAll(async () => {
  secret = await serveFixture(null);
  spa = await serveFixture('spa', { SECRET: secret.origin });
  // Private networks stay refused: only the fixture's own origin is allowed, so the secret server
  // (also on loopback, another port) and the metadata address must be blocked.
  const base = { url: `${spa.origin}/`, allowOrigins: [spa.origin], requestTimeoutMs: 10_000 };
  staticReport = await analyzeSite({ ...base, render: false });
  rendered = await analyzeSite({ ...base, render: true });
  hitsAfterRendered = new Map(spa.hits);
  auto = await analyzeSite({ ...base, render: 'auto' });
  noBrowser = await analyzeSite({
    ...base,
    render: 'auto',
    chromiumPath: '/nonexistent/chromium',
  });
}, 60_000);
afterAll(async () => {
  await spa.close();
  await secret.close();
});

describe('rendered mode', () => {
  it('static mode sees an empty shell', () => {
    expect(staticReport.pages.map((p) => p.url)).toEqual([`${spa.origin}/`]);
    expect(staticReport.pages[0]?.audits.h1?.score).toBe(0);
  });

  it('audits the rendered DOM and follows links that exist only after rendering', () => {
    expect(rendered.mode).toBe('rendered');
    expect(rendered.pages.map((p) => p.url)).toEqual([
      `${spa.origin}/`,
      `${spa.origin}/products.html`,
    ]);
    expect(rendered.pages[0]?.rendered).toBe(true);
    expect(rendered.pages[0]?.audits.h1?.items).toEqual([{ text: 'Handmade candles' }]);
    expect(rendered.pages[0]?.audits.h1?.score).toBe(1);
  });

  // Images, media and fonts are not loaded at all when rendering (the secret server proves it);
  // everything else goes through the SSRF proxy, which records what it refused.
  it('refuses every request the page makes to a refused address, redirects included', () => {
    expect(secret.hits.size).toBe(0);
    const blocked = rendered.site.blockedRequests.join('\n');
    expect(blocked).toContain(`${secret.origin}/from-fetch`);
    expect(blocked).toContain(`${secret.origin}/via-redirect`);
    expect(blocked).toContain(`${secret.origin}/style.css`);
    expect(blocked).toContain('169.254.169.254');
    // The page's own same-origin requests went through.
    expect(hitsAfterRendered.get('/app.js')).toBeGreaterThanOrEqual(1);
    expect(hitsAfterRendered.get('/bounce')).toBe(1);
  });
});

describe('deciding to render by itself', () => {
  it('renders the application shell and reads the server-rendered page statically', () => {
    expect(auto.mode).toBe('rendered');
    expect(auto.pages.map((p) => [p.url, p.mode, p.modeReason])).toEqual([
      [`${spa.origin}/`, 'rendered', 'app-shell'],
      [`${spa.origin}/products.html`, 'static', 'static-html'],
    ]);
    expect(auto.pages[0]?.audits.h1?.score).toBe(1);
  });

  it('says so when every page was asked for one way', () => {
    expect(rendered.pages.map((p) => p.modeReason)).toEqual([
      'render-requested',
      'render-requested',
    ]);
    expect(staticReport.pages.map((p) => [p.mode, p.modeReason])).toEqual([
      ['static', 'static-requested'],
    ]);
  });

  it('reads a shell statically when no Chromium can be found, and says why', () => {
    expect(noBrowser.mode).toBe('static');
    expect(noBrowser.pages.map((p) => [p.mode, p.modeReason])).toEqual([['static', 'no-browser']]);
  });
});

describe('Chromium discovery', () => {
  it('is a clear error when asked to render without Chromium', async () => {
    const err = await analyzeSite({
      url: `${spa.origin}/`,
      allowOrigins: [spa.origin],
      render: true,
      chromiumPath: '/nonexistent/chromium',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalyzerError);
    expect((err as AnalyzerError).code).toBe('CHROMIUM_NOT_FOUND');
  });
});

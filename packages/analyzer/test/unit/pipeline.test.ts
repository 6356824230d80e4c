import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatherArtifacts, parseLinkHeader } from '../../src/artifacts/gather.ts';
import { AUDIT_IDS, type AuditId } from '../../src/audit-ids.ts';
import type { PageAudit } from '../../src/audits/audit.ts';
import { AUDITS } from '../../src/audits/index.ts';
import { AUDIT_CATALOGUE } from '../../src/catalogue.ts';
import { CONFIG } from '../../src/config.ts';
import type { FetchResult } from '../../src/net/fetcher.ts';
import { readModes } from '../../src/report/summary.ts';
import { runPageAudits } from '../../src/runner.ts';
import { computeScores, pointsLost, siteAuditScores } from '../../src/scoring.ts';
import { makeContext, makePage } from '../support/artifacts.ts';

describe('audit catalogue and config', () => {
  it('has one file per audit, named after its id', () => {
    const files = readdirSync(new URL('../../src/audits/', import.meta.url))
      .filter((f) => !['audit.ts', 'index.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(AUDITS.map((a) => a.meta.id).sort()).toEqual(files);
  });
  it('lists every audit id once in AUDIT_IDS, and nothing else', () => {
    expect([...AUDIT_IDS].sort()).toEqual(AUDITS.map((a) => a.meta.id).sort());
  });
  it('config refers only to known audits and every scored audit counts somewhere', () => {
    const ids = new Set(AUDITS.map((a) => a.meta.id));
    const refs = Object.values(CONFIG.categories).flatMap((c) => c.auditRefs.map((r) => r.id));
    for (const id of refs) expect(ids.has(id), id).toBe(true);
    for (const a of AUDIT_CATALOGUE) expect(a.categories.length, a.id).toBeGreaterThan(0);
  });
});

describe('runner', () => {
  it('turns a throwing audit into an error result for that audit alone', () => {
    const boom: PageAudit = {
      scope: 'page',
      meta: {
        // A made-up audit: the runner must isolate any audit that throws.
        id: 'boom' as AuditId,
        title: 'Boom',
        failureTitle: 'Boom',
        description: '',
        fixHint: '',
        requiredArtifacts: [],
      },
      audit() {
        throw new Error('kaput');
      },
    };
    const results = runPageAudits(makePage(), makeContext(), [boom, ...AUDITS]);
    expect(results.boom).toMatchObject({
      score: null,
      error: { code: 'AUDIT_ERROR', message: 'kaput' },
    });
    expect(results['document-title']?.score).toBe(1);
  });
  it('marks content audits not applicable on error pages but keeps http-status-code', () => {
    const results = runPageAudits(makePage({ status: 500 }), makeContext());
    expect(results['http-status-code']?.score).toBe(0);
    expect(results['document-title']?.score).toBeNull();
  });
  it('uses the failure title and description when failing', () => {
    const r = runPageAudits(makePage({ titles: [] }), makeContext())['document-title'];
    expect(r?.title).toBe('Document does not have a `<title>` element');
    expect(r?.fixHint).toMatch(/title/);
  });
});

describe('scoring', () => {
  it('averages page audits over pages and weighs n/a audits zero', () => {
    const page = (score: number | null) => ({
      audits: { https: { id: 'https', title: '', score, items: [], explanation: '', fixHint: '' } },
    });
    const per = siteAuditScores([page(1), page(0), page(null)], {});
    expect(per.get('https')).toBe(0.5);
    const scores = computeScores(
      new Map([
        ['https', 1],
        ['viewport', 0],
        ['mixed-content', null],
      ]),
    );
    // technical: https 4*1 + viewport 3*0 over weights 7 (mixed-content is n/a)
    expect(scores.technical).toBe(Math.round((4 / 7) * 100));
    expect(scores.social).toBeNull();
  });

  it('says where the missing points of a category go, adding up to what is missing', () => {
    const audits = { https: 1, viewport: 0.5, 'mixed-content': null };
    const losses = pointsLost(audits, 'technical');
    // viewport 3 x 0.5 of weight 7 is all of the missing; https passes and n/a costs nothing.
    expect(losses).toEqual([{ auditId: 'viewport', points: (3 * 0.5 * 100) / 7 }]);
    const score = computeScores(new Map(Object.entries(audits))).technical ?? 0;
    const lost = losses.reduce((sum, l) => sum + l.points, 0);
    expect(Math.abs(100 - lost - score)).toBeLessThan(1);
    expect(pointsLost({}, 'social')).toEqual([]);
  });
});

describe('gathering artifacts', () => {
  const fetch = (body: string, headers: Record<string, string> = {}): FetchResult => ({
    requestedUrl: 'https://shop.example/a/',
    finalUrl: 'https://shop.example/a/',
    status: 200,
    redirects: [],
    headers: { 'content-type': 'text/html', ...headers },
    timing: { ttfbMs: 1, totalMs: 1 },
    sizeBytes: body.length,
    contentType: 'text/html',
    body,
  });
  it('extracts the document once into plain data', () => {
    const html = `<html lang="fr"><head><title>T</title><meta name="Description" content="D">
      <link rel="canonical" href="/a/"><link rel="stylesheet" href="http://cdn.example/s.css"></head>
      <body><h1>H</h1><p>One two</p><p>three</p><script>var x = "hidden words";</script>
      <a href="b">B</a><a href="javascript:void(0)">J</a><img src="i.png" alt="I" width="2">
      <script type="application/ld+json">{"@type":"X"}</script></body></html>`;
    const a = gatherArtifacts(
      fetch(html, { link: '<https://shop.example/en/>; rel="alternate"; hreflang="en"' }),
      html,
    );
    expect(a.lang).toBe('fr');
    expect(a.titles).toEqual(['T']);
    expect(a.metas[0]).toMatchObject({ name: 'description', content: 'D' });
    expect(a.links.find((l) => l.rel === 'canonical')).toMatchObject({
      href: '/a/',
      source: 'head',
    });
    expect(a.links.find((l) => l.source === 'header')).toMatchObject({
      hreflang: 'en',
      href: 'https://shop.example/en/',
    });
    expect(a.anchors.map((x) => x.href)).toEqual(['https://shop.example/a/b', null]);
    // Adjacent inline links run together, as a browser renders them.
    expect(a.bodyText).toBe('H One two three BJ');
    expect(a.subresources).toContainEqual({ tag: 'link', url: 'http://cdn.example/s.css' });
    expect(a.images[0]).toMatchObject({ alt: 'I', width: '2', height: null });
    expect(a.jsonLd).toEqual(['{"@type":"X"}']);
  });
  it('gives each link the language of its text', () => {
    const html = `<html lang="en"><body>
      <a href="/1">one</a><a href="/2" lang="de-DE">zwei</a><a href="/3"><span lang="fr">trois</span></a>
      <a href="/4"><span lang="de">vier</span> <span lang="nl">vijf</span></a>
      <a href="/5" lang="en"><span lang="de-CH">sechs</span></a><a href="/6"><img lang="de" alt="x"> six</a>
      <svg><a href="/7"><text xml:lang="de">sieben</text></a></svg></body></html>`;
    expect(gatherArtifacts(fetch(html), html).anchors.map((x) => x.lang)).toEqual([
      'en',
      'de-DE',
      'fr',
      null,
      'de-CH',
      'en',
      'en',
    ]);
  });
  it('reads listeners from inline handlers statically, from the renderer when rendered', () => {
    const html = `<body><a onclick="go()" onMouseDown="x()">A</a><a data-quento-listeners="click">B</a>
      <a href="/c" target="_blank">C</a></body>`;
    const staticA = gatherArtifacts(fetch(html), html).anchors;
    expect(staticA.map((x) => x.listeners)).toEqual([['click', 'mousedown'], [], []]);
    expect(staticA[2]?.attributeNames).toEqual(['href', 'target']);
    const rendered = gatherArtifacts(fetch(html), html, true).anchors;
    expect(rendered.map((x) => x.listeners)).toEqual([[], ['click'], []]);
    expect(rendered[1]?.attributeNames).toEqual([]);
  });
  it('recognises an application shell', () => {
    const shell = (body: string) => {
      const html = `<html><head><title>App</title></head><body>${body}</body></html>`;
      return gatherArtifacts(fetch(html), html).appShell;
    };
    expect(shell('<div id="root"></div><script src="/main.js"></script>')).toBe(true);
    expect(shell('<div id="__next">Loading…</div><script src="/_next/app.js"></script>')).toBe(
      true,
    );
    expect(shell('<noscript>Enable JavaScript</noscript><script src="/app.js"></script>')).toBe(
      true,
    );
    // Content rendered on the server, no bundle, or no root: read as it is.
    const text = `<p>${'Fresh bread every morning. '.repeat(20)}</p>`;
    expect(shell(`<div id="root">${text}</div><script src="/main.js"></script>`)).toBe(false);
    expect(shell('<div id="app"></div><script>boot()</script>')).toBe(false);
    expect(shell('<main><p>Hello</p></main><script src="/main.js"></script>')).toBe(false);
  });
  it('parses Link headers with several entries', () => {
    expect(
      parseLinkHeader(
        '<https://a.example/>; rel="canonical", </fr/>; rel=alternate; hreflang=fr',
        'https://a.example/x',
      ),
    ).toEqual([
      { rel: 'canonical', href: 'https://a.example/', hreflang: '', source: 'header' },
      { rel: 'alternate', href: 'https://a.example/fr/', hreflang: 'fr', source: 'header' },
    ]);
  });
});

describe('report summaries', () => {
  it('say how the pages were read', () => {
    const report = (...reasons: [string, string][]) =>
      ({ pages: reasons.map(([mode, modeReason]) => ({ mode, modeReason })) }) as never;
    expect(readModes(report(['static', 'static-requested']))).toBe('1 page, static');
    expect(
      readModes(
        report(['rendered', 'app-shell'], ['static', 'static-html'], ['static', 'no-browser']),
      ),
    ).toBe(
      '3 pages: 1 rendered (1 application shell), 2 static (1 application shell without Chromium)',
    );
    expect(readModes(report(['rendered', 'render-requested'], ['rendered', 'app-shell']))).toBe(
      '2 pages, rendered (1 application shell)',
    );
  });
});

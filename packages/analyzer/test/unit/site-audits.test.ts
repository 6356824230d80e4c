import { describe, expect, it } from 'vitest';
import { brokenLinks } from '../../src/audits/broken-links.ts';
import { duplicateMetaDescription } from '../../src/audits/duplicate-meta-description.ts';
import { duplicateTitle } from '../../src/audits/duplicate-title.ts';
import { llmsTxt } from '../../src/audits/llms-txt.ts';
import { orphanPages } from '../../src/audits/orphan-pages.ts';
import { redirectChains } from '../../src/audits/redirect-chains.ts';
import { sitemap } from '../../src/audits/sitemap.ts';
import { networkOf, socialProfiles } from '../../src/audits/social-profiles.ts';
import { technology } from '../../src/audits/technology.ts';
import { anchor, makePage, makeSite, meta, outcome } from '../support/artifacts.ts';

const O = 'https://shop.example';
const page = (path: string, extra: Parameters<typeof makePage>[0] = {}) =>
  makePage({ url: `${O}${path}`, requestedUrl: `${O}${path}`, ...extra });

describe('duplicate-title', () => {
  it('passes with unique titles', () =>
    expect(
      duplicateTitle.audit(
        makeSite({ pages: [page('/', { titles: ['A'] }), page('/b', { titles: ['B'] })] }),
      ).score,
    ).toBe(1));
  it('fails with shared titles (case and space insensitive), scoring the unique share', () => {
    const r = duplicateTitle.audit(
      makeSite({
        pages: [
          page('/', { titles: ['Shop'] }),
          page('/b', { titles: [' shop '] }),
          page('/c', { titles: ['C'] }),
        ],
      }),
    );
    expect(r.score).toBeCloseTo(0.33, 2);
    expect(r.items?.map((i) => i.url)).toEqual([`${O}/`, `${O}/b`]);
  });
  it('ignores error pages', () =>
    expect(
      duplicateTitle.audit(
        makeSite({
          pages: [page('/', { titles: ['A'] }), page('/x', { titles: ['A'], status: 404 })],
        }),
      ).score,
    ).toBeNull());
});

describe('duplicate-meta-description', () => {
  const d = (s: string) => [meta('description', s)];
  it('passes', () =>
    expect(
      duplicateMetaDescription.audit(
        makeSite({ pages: [page('/', { metas: d('a') }), page('/b', { metas: d('b') })] }),
      ).score,
    ).toBe(1));
  it('fails', () =>
    expect(
      duplicateMetaDescription.audit(
        makeSite({ pages: [page('/', { metas: d('a') }), page('/b', { metas: d('a') })] }),
      ).score,
    ).toBe(0));
});

describe('broken-links', () => {
  const home = page('/', {
    anchors: [
      anchor('/ok', 'ok'),
      anchor('/gone', 'gone'),
      anchor('/down', 'down'),
      anchor('https://other.example/x', 'ext'),
    ],
  });
  it('fails listing target, source and status', () => {
    const r = brokenLinks.audit(
      makeSite({
        pages: [home],
        fetched: {
          [`${O}/ok`]: outcome(200, `${O}/ok`),
          [`${O}/gone`]: outcome(404, `${O}/gone`),
          [`${O}/down`]: { ...outcome(0, `${O}/down`), error: 'REQUEST_TIMEOUT' },
        },
      }),
    );
    expect(r.score).toBe(0);
    expect(r.items).toEqual([
      { url: `${O}/gone`, source: `${O}/`, status: 404, error: null },
      { url: `${O}/down`, source: `${O}/`, status: 0, error: 'REQUEST_TIMEOUT' },
    ]);
  });
  it('passes when every checked target works', () =>
    expect(
      brokenLinks.audit(
        makeSite({ pages: [home], fetched: { [`${O}/ok`]: outcome(200, `${O}/ok`) } }),
      ).score,
    ).toBe(1));
});

describe('redirect-chains', () => {
  const hop = (from: string, to: string, status = 301) => ({
    url: `${O}${from}`,
    status,
    location: `${O}${to}`,
  });
  const home = page('/', { anchors: [anchor('/a', 'a'), anchor('/b', 'b')] });
  it('fails on two hops', () => {
    const r = redirectChains.audit(
      makeSite({
        pages: [home],
        fetched: { [`${O}/a`]: outcome(200, `${O}/c`, [hop('/a', '/b'), hop('/b', '/c', 302)]) },
      }),
    );
    expect(r.score).toBe(0);
    expect(r.items?.[0]).toMatchObject({ url: `${O}/a`, hops: 2 });
  });
  it('passes on a single hop', () =>
    expect(
      redirectChains.audit(
        makeSite({
          pages: [home],
          fetched: { [`${O}/a`]: outcome(200, `${O}/b`, [hop('/a', '/b')]) },
        }),
      ).score,
    ).toBe(1));
});

describe('orphan-pages', () => {
  const sm = (urls: string[]) => [
    { url: `${O}/sitemap.xml`, status: 200, kind: 'urlset' as const, urls },
  ];
  it('fails when a sitemap page is linked from nowhere', () => {
    const r = orphanPages.audit(
      makeSite({
        pages: [page('/', { anchors: [anchor('/a', 'a')] })],
        sitemaps: sm([`${O}/`, `${O}/a`, `${O}/lost`]),
      }),
    );
    expect(r.score).toBe(0);
    expect(r.items).toEqual([{ url: `${O}/lost` }]);
  });
  it('passes when all are linked, n/a without a sitemap', () => {
    expect(
      orphanPages.audit(
        makeSite({
          pages: [page('/', { anchors: [anchor('/a', 'a')] })],
          sitemaps: sm([`${O}/a`]),
        }),
      ).score,
    ).toBe(1);
    expect(orphanPages.audit(makeSite()).score).toBeNull();
  });
});

describe('sitemap', () => {
  it('fails when missing or invalid', () => {
    expect(
      sitemap.audit(
        makeSite({
          sitemaps: [{ url: `${O}/sitemap.xml`, status: 404, kind: 'unreachable', urls: [] }],
        }),
      ).score,
    ).toBe(0);
    expect(
      sitemap.audit(
        makeSite({
          sitemaps: [{ url: `${O}/sitemap.xml`, status: 200, kind: 'invalid', urls: [] }],
        }),
      ).score,
    ).toBe(0);
  });
  it('fails when listed URLs fail, passes when they work', () => {
    const sitemaps = [
      {
        url: `${O}/sitemap.xml`,
        status: 200,
        kind: 'urlset' as const,
        urls: [`${O}/a`, `${O}/dead`],
      },
    ];
    const r = sitemap.audit(
      makeSite({
        sitemaps,
        fetched: { [`${O}/a`]: outcome(200, `${O}/a`), [`${O}/dead`]: outcome(410, `${O}/dead`) },
      }),
    );
    expect(r.score).toBe(0);
    expect(r.items).toEqual([{ url: `${O}/dead`, status: 410, problem: 'listed URL fails' }]);
    expect(
      sitemap.audit(makeSite({ sitemaps, fetched: { [`${O}/a`]: outcome(200, `${O}/a`) } })).score,
    ).toBe(1);
  });
});

describe('social-profiles', () => {
  it('recognises profiles but not share links', () => {
    expect(networkOf('https://www.instagram.com/shop/')).toBe('Instagram');
    expect(networkOf('https://x.com/shop')).toBe('X/Twitter');
    expect(networkOf('https://www.facebook.com/sharer/sharer.php?u=1')).toBeNull();
    expect(networkOf('https://www.youtube.com/')).toBeNull();
  });
  it('passes with profiles and metadata, partial with one, fails with neither', () => {
    const links = [anchor('https://www.linkedin.com/company/shop', 'LinkedIn')];
    const og = [meta('', 'Shop', 'og:title')];
    expect(
      socialProfiles.audit(makeSite({ pages: [page('/', { anchors: links, metas: og })] })).score,
    ).toBe(1);
    expect(socialProfiles.audit(makeSite({ pages: [page('/', { anchors: links })] })).score).toBe(
      0.5,
    );
    expect(socialProfiles.audit(makeSite({ pages: [page('/')] })).score).toBe(0);
  });
});

describe('technology', () => {
  it('detects CMS, analytics and server from HTML and headers', () => {
    const r = technology.audit(
      makeSite({
        pages: [
          page('/', {
            metas: [meta('generator', 'WordPress 6.5')],
            scriptSrcs: ['https://www.googletagmanager.com/gtag/js?id=G-1'],
            headers: { server: 'nginx/1.25' },
          }),
        ],
      }),
    );
    expect(r.score).toBeNull();
    expect(r.items?.map((i) => i.name)).toEqual(['WordPress', 'Google Analytics', 'nginx']);
  });
  it('reports nothing for a plain page', () =>
    expect(technology.audit(makeSite({ pages: [page('/')] })).items).toEqual([]));
});

describe('llms-txt', () => {
  const site = (status: number, body: string | null) =>
    makeSite({ llmsTxt: { url: `${O}/llms.txt`, status, body } });
  it('passes with a title and links', () =>
    expect(llmsTxt.audit(site(200, '# Shop\n\n- [Menu](https://shop.example/menu)')).score).toBe(
      1,
    ));
  it('is partial without links, fails when missing or an HTML soft-404', () => {
    expect(llmsTxt.audit(site(200, '# Shop\nWe sell flowers.')).score).toBe(0.5);
    expect(llmsTxt.audit(site(404, null)).score).toBe(0);
    expect(llmsTxt.audit(site(200, '<!doctype html><html>')).score).toBe(0);
  });
});

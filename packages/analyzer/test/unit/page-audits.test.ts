import { describe, expect, it } from 'vitest';
import { canonical } from '../../src/audits/canonical.ts';
import { crawlableAnchors } from '../../src/audits/crawlable-anchors.ts';
import { documentTitle } from '../../src/audits/document-title.ts';
import { h1 } from '../../src/audits/h1.ts';
import { hreflang } from '../../src/audits/hreflang.ts';
import { htmlHasLang } from '../../src/audits/html-has-lang.ts';
import { httpStatusCode } from '../../src/audits/http-status-code.ts';
import { https } from '../../src/audits/https.ts';
import { imageAlt } from '../../src/audits/image-alt.ts';
import { imageSize } from '../../src/audits/image-size.ts';
import { isCrawlable } from '../../src/audits/is-crawlable.ts';
import { linkText } from '../../src/audits/link-text.ts';
import { metaDescription } from '../../src/audits/meta-description.ts';
import { mixedContent } from '../../src/audits/mixed-content.ts';
import { openGraph } from '../../src/audits/open-graph.ts';
import { robotsTxt, validateRobots } from '../../src/audits/robots-txt.ts';
import { serverResponseTime } from '../../src/audits/server-response-time.ts';
import { structuredData } from '../../src/audits/structured-data.ts';
import { thinContent } from '../../src/audits/thin-content.ts';
import { viewport } from '../../src/audits/viewport.ts';
import { anchor, makeContext, makePage, meta } from '../support/artifacts.ts';

const ctx = makeContext();
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('document-title', () => {
  it('passes with a title', () => expect(documentTitle.audit(makePage(), ctx).score).toBe(1));
  it('fails without a title', () =>
    expect(documentTitle.audit(makePage({ titles: [] }), ctx).score).toBe(0));
  it('fails with a blank title', () =>
    expect(documentTitle.audit(makePage({ titles: ['  '] }), ctx).score).toBe(0));
  it('is n/a without a document', () =>
    expect(documentTitle.audit(makePage({ isHtml: false }), ctx).score).toBeNull());
});

describe('meta-description', () => {
  it('passes', () =>
    expect(
      metaDescription.audit(makePage({ metas: [meta('description', 'Fresh flowers')] }), ctx).score,
    ).toBe(1));
  it('fails when missing', () => expect(metaDescription.audit(makePage(), ctx).score).toBe(0));
  it('fails when empty', () =>
    expect(metaDescription.audit(makePage({ metas: [meta('description', ' ')] }), ctx).score).toBe(
      0,
    ));
});

describe('http-status-code', () => {
  it('passes on 200', () => expect(httpStatusCode.audit(makePage(), ctx).score).toBe(1));
  it('fails on 404 and 500', () => {
    expect(httpStatusCode.audit(makePage({ status: 404 }), ctx).score).toBe(0);
    expect(httpStatusCode.audit(makePage({ status: 503 }), ctx).items).toEqual([
      { url: 'https://shop.example/', status: 503 },
    ]);
  });
  it('fails on a fetch error', () => {
    const r = httpStatusCode.audit(
      makePage({ status: 0, fetchError: { code: 'REQUEST_TIMEOUT', message: 'timed out' } }),
      ctx,
    );
    expect(r.score).toBe(0);
    expect(r.evidence).toMatchObject({ error: 'REQUEST_TIMEOUT' });
  });
});

describe('is-crawlable', () => {
  const robots = (body: string) =>
    makeContext({ robotsTxt: { url: 'https://shop.example/robots.txt', status: 200, body } });
  it('passes with nothing blocking', () =>
    expect(isCrawlable.audit(makePage(), ctx).score).toBe(1));
  it('fails on meta robots noindex', () =>
    expect(
      isCrawlable.audit(makePage({ metas: [meta('robots', 'noindex, follow')] }), ctx).score,
    ).toBe(0));
  it('fails on meta googlebot none', () =>
    expect(isCrawlable.audit(makePage({ metas: [meta('googlebot', 'none')] }), ctx).score).toBe(0));
  it('ignores directives for other bots', () =>
    expect(isCrawlable.audit(makePage({ metas: [meta('bingbot', 'noindex')] }), ctx).score).toBe(
      1,
    ));
  it('fails on X-Robots-Tag noindex, generic and for googlebot', () => {
    expect(isCrawlable.audit(makePage({ headers: { 'x-robots-tag': 'noindex' } }), ctx).score).toBe(
      0,
    );
    const r = isCrawlable.audit(
      makePage({ headers: { 'x-robots-tag': 'otherbot: noindex, googlebot: noindex' } }),
      ctx,
    );
    expect(r.score).toBe(0);
    expect(r.items).toEqual([{ source: 'X-Robots-Tag header', directive: 'googlebot: noindex' }]);
  });
  it('passes on X-Robots-Tag for another bot', () =>
    expect(
      isCrawlable.audit(makePage({ headers: { 'x-robots-tag': 'otherbot: noindex' } }), ctx).score,
    ).toBe(1));
  it('fails on an expired unavailable_after', () =>
    expect(
      isCrawlable.audit(makePage({ metas: [meta('robots', 'unavailable_after: 2001-01-01')] }), ctx)
        .score,
    ).toBe(0));
  it('fails when robots.txt disallows the page, passes when another path is disallowed', () => {
    const page = makePage({ url: 'https://shop.example/private/x' });
    expect(isCrawlable.audit(page, robots('User-agent: *\nDisallow: /private/')).score).toBe(0);
    expect(isCrawlable.audit(page, robots('User-agent: *\nDisallow: /admin/')).score).toBe(1);
    expect(isCrawlable.audit(page, robots('User-agent: bingbot\nDisallow: /')).score).toBe(1);
  });
});

describe('link-text', () => {
  it('passes with descriptive links', () =>
    expect(linkText.audit(makePage({ anchors: [anchor('/menu', 'Our menu')] }), ctx).score).toBe(
      1,
    ));
  it('fails with vague text', () => {
    const r = linkText.audit(
      makePage({ anchors: [anchor('/menu', 'Click here'), anchor('/a', 'Read more…')] }),
      ctx,
    );
    expect(r.score).toBe(0);
    expect(r.items).toHaveLength(2);
  });
  it("uses the link's own language", () => {
    const page = makePage({
      lang: 'en',
      anchors: [anchor('/x', 'klicke hier', { lang: 'de-DE' })],
    });
    expect(linkText.audit(page, ctx).score).toBe(0);
    expect(
      linkText.audit({ ...page, anchors: [anchor('/x', 'Speisekarte', { lang: 'de' })] }, ctx)
        .score,
    ).toBe(1);
    // "Start" is vague in English, not in German.
    expect(
      linkText.audit({ ...page, anchors: [anchor('/x', 'Start', { lang: 'de-CH' })] }, ctx).score,
    ).toBe(1);
    expect(
      linkText.audit({ ...page, anchors: [anchor('/x', 'Start', { lang: 'en-US' })] }, ctx).score,
    ).toBe(0);
  });
  it('checks every language when the link has none, none when its language has no list', () => {
    const r = linkText.audit(makePage({ anchors: [anchor('/x', 'hier', { lang: null })] }), ctx);
    expect(r.items).toEqual([{ href: 'https://shop.example/x', text: 'hier', textLang: null }]);
    expect(
      linkText.audit(makePage({ anchors: [anchor('/x', 'here', { lang: 'zh' })] }), ctx).score,
    ).toBe(1);
  });
  it('skips nofollow, javascript:, mailto: and same-page links', () => {
    const page = makePage({
      anchors: [
        anchor('/x', 'here', { rel: 'nofollow' }),
        anchor('javascript:go()', 'here'),
        anchor('mailto:a@b.c', 'here'),
        anchor('#top', 'here'),
        anchor('https://shop.example/#contact', 'more'),
      ],
    });
    expect(linkText.audit(page, ctx).score).toBe(1);
  });
});

describe('crawlable-anchors', () => {
  it('passes with real hrefs and mailto', () =>
    expect(
      crawlableAnchors.audit(
        makePage({ anchors: [anchor('/a', 'A'), anchor('mailto:x@y.z', 'm')] }),
        ctx,
      ).score,
    ).toBe(1));
  it('fails on javascript:void(0), empty href and script-only links', () => {
    const r = crawlableAnchors.audit(
      makePage({
        anchors: [
          anchor('javascript:void(0)', 'Menu'),
          anchor('', 'Empty'),
          anchor(null, 'Button', { onclick: 'go()' }),
        ],
      }),
      ctx,
    );
    expect(r.score).toBe(0);
    expect(r.items).toHaveLength(3);
  });
  it('reports an anchor with a listener of its own, not a placeholder or a fragment target', () => {
    const r = crawlableAnchors.audit(
      makePage({
        anchors: [
          anchor(null, 'Open', { listeners: ['mousedown'] }),
          anchor(null, 'Placeholder'),
          anchor(null, 'Target', { id: 'section', listeners: ['click'] }),
          anchor(null, 'New tab', { attributeNames: ['target'] }),
        ],
      }),
      ctx,
    );
    expect(r.items).toEqual([
      { rawHref: null, text: 'Open', onclick: null, listeners: 'mousedown' },
      { rawHref: null, text: 'New tab', onclick: null, listeners: null },
    ]);
  });
  it('ignores named anchors and links with a role', () =>
    expect(
      crawlableAnchors.audit(
        makePage({
          anchors: [
            anchor(null, '', { name: 'top' }),
            anchor('javascript:void(0)', 'x', { role: 'button' }),
          ],
        }),
        ctx,
      ).score,
    ).toBe(1));
});

describe('image-alt', () => {
  const img = (alt: string | null, role = '') => ({
    src: 'https://shop.example/a.png',
    alt,
    role,
    width: '1',
    height: '1',
  });
  it('passes with alt (empty alt is decorative)', () =>
    expect(imageAlt.audit(makePage({ images: [img('Shop'), img('')] }), ctx).score).toBe(1));
  it('fails without alt', () =>
    expect(imageAlt.audit(makePage({ images: [img(null)] }), ctx).score).toBe(0));
  it('ignores presentational images and is n/a without images', () => {
    expect(imageAlt.audit(makePage({ images: [img(null, 'presentation')] }), ctx).score).toBeNull();
    expect(imageAlt.audit(makePage(), ctx).score).toBeNull();
  });
});

describe('hreflang', () => {
  const alt = (code: string, href: string, source: 'head' | 'body' | 'header' = 'head') => ({
    rel: 'alternate',
    href,
    hreflang: code,
    source,
  });
  it('passes with valid codes and absolute URLs, in head or Link header', () =>
    expect(
      hreflang.audit(
        makePage({
          links: [
            alt('en-GB', 'https://shop.example/'),
            alt('x-default', 'https://shop.example/'),
            alt('fr', 'https://shop.example/fr/', 'header'),
          ],
        }),
        ctx,
      ).score,
    ).toBe(1));
  it('fails on bad codes and relative URLs', () => {
    expect(
      hreflang.audit(makePage({ links: [alt('english', 'https://shop.example/')] }), ctx).score,
    ).toBe(0);
    expect(hreflang.audit(makePage({ links: [alt('en', '/en/')] }), ctx).score).toBe(0);
  });
  it('checks codes against ISO 639, ISO 15924 and ISO 3166 (nothing trimmed)', () => {
    const verdict = (code: string) =>
      hreflang.audit(makePage({ links: [alt(code, 'https://shop.example/')] }), ctx).score;
    for (const ok of ['es', 'en-PH', 'ru-RU', 'zh-Hans-TW', 'X-Default', 'fil', 'sr-Latn']) {
      expect(verdict(ok), ok).toBe(1);
    }
    for (const bad of [
      'xx',
      ' x-default',
      'en-UK',
      'en-XX',
      'zh-Abcd',
      'qq-US',
      'en_GB',
      'es-419',
    ]) {
      expect(verdict(bad), bad).toBe(0);
    }
  });
  it('ignores alternates in the body', () => {
    const page = makePage({
      links: [alt('en', 'https://shop.example/'), alt('nonsense', '/x', 'body')],
    });
    expect(hreflang.audit(page, ctx).score).toBe(1);
    expect(hreflang.audit(makePage({ links: [alt('xx', '/x', 'body')] }), ctx).score).toBeNull();
  });
  it('is n/a without alternates', () => expect(hreflang.audit(makePage(), ctx).score).toBeNull());
});

describe('canonical', () => {
  const canon = (href: string, source: 'head' | 'header' = 'head') => ({
    rel: 'canonical',
    href,
    hreflang: '',
    source,
  });
  const page = (links: ReturnType<typeof canon>[], url = 'https://shop.example/menu') =>
    makePage({ url, links });
  it('passes with one absolute canonical, also repeated in the Link header', () =>
    expect(
      canonical.audit(
        page([canon('https://shop.example/menu'), canon('https://shop.example/menu', 'header')]),
        ctx,
      ).score,
    ).toBe(1));
  it('fails when relative', () =>
    expect(canonical.audit(page([canon('/menu')]), ctx).score).toBe(0));
  it('fails on conflicting URLs and a conflicting Link header', () => {
    expect(
      canonical.audit(page([canon('https://shop.example/a'), canon('https://shop.example/b')]), ctx)
        .score,
    ).toBe(0);
    const r = canonical.audit(
      page([canon('https://shop.example/menu'), canon('https://shop.example/x', 'header')]),
      ctx,
    );
    expect(r.score).toBe(0);
    expect(r.explanation).toMatch(/Link header/);
  });
  it('fails when a deeper page points at the domain root, not for the root itself', () => {
    expect(canonical.audit(page([canon('https://shop.example/')]), ctx).score).toBe(0);
    expect(
      canonical.audit(page([canon('https://shop.example/')], 'https://shop.example/'), ctx).score,
    ).toBe(1);
  });
  it('is n/a without canonical', () => expect(canonical.audit(page([]), ctx).score).toBeNull());
});

describe('robots-txt', () => {
  const withRobots = (status: number, body: string | null, isHomePage = true) =>
    makeContext({
      isHomePage,
      robotsTxt: { url: 'https://shop.example/robots.txt', status, body },
    });
  it('passes on a valid file', () =>
    expect(
      robotsTxt.audit(
        makePage(),
        withRobots(200, 'User-agent: *\nDisallow: /admin\nSitemap: https://shop.example/s.xml'),
      ).score,
    ).toBe(1));
  it('fails on invalid lines', () => {
    const r = robotsTxt.audit(
      makePage(),
      withRobots(200, 'Disallow: /x\nUser-agent: *\nDisalow: /y\nSitemap: /s.xml'),
    );
    expect(r.score).toBe(0);
    expect(r.items?.map((i) => i.line)).toEqual([1, 3, 4]);
  });
  it('fails on a 5xx, is n/a on 404 and on pages other than the start page', () => {
    expect(robotsTxt.audit(makePage(), withRobots(500, null)).score).toBe(0);
    expect(robotsTxt.audit(makePage(), withRobots(404, null)).score).toBeNull();
    expect(robotsTxt.audit(makePage(), withRobots(200, 'junk', false)).score).toBeNull();
  });
  it('validates pattern, $ and crawl-delay', () => {
    expect(
      validateRobots('User-agent: *\nDisallow: admin\nAllow: /a$b\nCrawl-delay: 1.5'),
    ).toHaveLength(2);
  });
});

describe('viewport', () => {
  it('passes', () =>
    expect(
      viewport.audit(
        makePage({ metas: [meta('viewport', 'width=device-width, initial-scale=1')] }),
        ctx,
      ).score,
    ).toBe(1));
  it('fails when missing or without width/initial-scale', () => {
    expect(viewport.audit(makePage(), ctx).score).toBe(0);
    expect(
      viewport.audit(makePage({ metas: [meta('viewport', 'user-scalable=no')] }), ctx).score,
    ).toBe(0);
  });
});

describe('html-has-lang', () => {
  it('passes', () => expect(htmlHasLang.audit(makePage(), ctx).score).toBe(1));
  it('fails', () => expect(htmlHasLang.audit(makePage({ lang: null }), ctx).score).toBe(0));
});

describe('h1', () => {
  it('passes with exactly one', () => expect(h1.audit(makePage(), ctx).score).toBe(1));
  it('fails with none or two', () => {
    expect(h1.audit(makePage({ headings: [{ level: 2, text: 'x' }] }), ctx).score).toBe(0);
    expect(
      h1.audit(
        makePage({
          headings: [
            { level: 1, text: 'a' },
            { level: 1, text: 'b' },
          ],
        }),
        ctx,
      ).score,
    ).toBe(0);
  });
});

describe('thin-content', () => {
  it('passes at 200 words', () =>
    expect(thinContent.audit(makePage({ bodyText: words(200) }), ctx).score).toBe(1));
  it('fails at 199 words', () => {
    const r = thinContent.audit(makePage({ bodyText: words(199) }), ctx);
    expect(r.score).toBe(0);
    expect(r.evidence).toEqual({ words: 199, threshold: 200 });
  });
});

describe('structured-data', () => {
  const ld = (o: unknown) => JSON.stringify(o);
  it('passes and lists types, including @graph', () => {
    const r = structuredData.audit(
      makePage({
        jsonLd: [
          ld({ '@context': 'https://schema.org', '@type': 'Florist' }),
          ld({
            '@context': 'https://schema.org',
            '@graph': [{ '@type': 'WebSite' }, { '@type': ['Organization'] }],
          }),
        ],
      }),
      ctx,
    );
    expect(r.score).toBe(1);
    expect(r.evidence?.types).toBe('Florist, WebSite, Organization');
  });
  it('fails on unparsable JSON, missing @context or @type', () => {
    expect(structuredData.audit(makePage({ jsonLd: ['{"@context": '] }), ctx).score).toBe(0);
    expect(structuredData.audit(makePage({ jsonLd: [ld({ '@type': 'Thing' })] }), ctx).score).toBe(
      0,
    );
    expect(
      structuredData.audit(makePage({ jsonLd: [ld({ '@context': 'https://schema.org' })] }), ctx)
        .score,
    ).toBe(0);
  });
  it('fails on a home page without any, n/a elsewhere', () => {
    expect(structuredData.audit(makePage(), ctx).score).toBe(0);
    expect(structuredData.audit(makePage(), makeContext({ isHomePage: false })).score).toBeNull();
  });
});

describe('open-graph', () => {
  const og = (p: string) => meta('', 'x', p);
  it('passes with all four', () =>
    expect(
      openGraph.audit(
        makePage({ metas: ['og:title', 'og:type', 'og:image', 'og:url'].map(og) }),
        ctx,
      ).score,
    ).toBe(1));
  it('scores partially', () =>
    expect(openGraph.audit(makePage({ metas: [og('og:title')] }), ctx).score).toBe(0.25));
  it('fails with none', () => expect(openGraph.audit(makePage(), ctx).score).toBe(0));
});

describe('server-response-time', () => {
  const t = (ttfbMs: number) => makePage({ timing: { ttfbMs, totalMs: ttfbMs } });
  it('passes at 600 ms', () => expect(serverResponseTime.audit(t(600), ctx).score).toBe(1));
  it('fails over 600 ms', () => {
    const r = serverResponseTime.audit(t(601), ctx);
    expect(r.score).toBe(0);
    expect(r.evidence).toEqual({ ttfbMs: 601, thresholdMs: 600 });
  });
});

describe('image-size', () => {
  const img = (width: string | null, height: string | null) => ({
    src: 'https://shop.example/a.png',
    alt: 'a',
    role: '',
    width,
    height,
  });
  it('passes when sized', () =>
    expect(imageSize.audit(makePage({ images: [img('1', '1')] }), ctx).score).toBe(1));
  it('scores the share of sized images', () =>
    expect(imageSize.audit(makePage({ images: [img('1', '1'), img(null, '1')] }), ctx).score).toBe(
      0.5,
    ));
});

describe('mixed-content', () => {
  it('passes with https resources', () =>
    expect(
      mixedContent.audit(
        makePage({ subresources: [{ tag: 'img', url: 'https://cdn.example/a.png' }] }),
        ctx,
      ).score,
    ).toBe(1));
  it('fails with http resources on an https page', () =>
    expect(
      mixedContent.audit(
        makePage({ subresources: [{ tag: 'script', url: 'http://cdn.example/a.js' }] }),
        ctx,
      ).score,
    ).toBe(0));
  it('is n/a on http pages', () =>
    expect(mixedContent.audit(makePage({ url: 'http://shop.example/' }), ctx).score).toBeNull());
});

describe('https', () => {
  it('passes', () => expect(https.audit(makePage(), ctx).score).toBe(1));
  it('fails', () =>
    expect(https.audit(makePage({ url: 'http://shop.example/' }), ctx).score).toBe(0));
});

import type { AnchorElement, PageArtifacts, SiteArtifacts } from '../../src/artifacts/types.ts';
import type { PageContext } from '../../src/audits/audit.ts';

/** A healthy page; tests override the one field they are about. */
export function makePage(overrides: Partial<PageArtifacts> = {}): PageArtifacts {
  return {
    url: 'https://shop.example/',
    requestedUrl: 'https://shop.example/',
    status: 200,
    redirects: [],
    headers: { 'content-type': 'text/html' },
    timing: { ttfbMs: 120, totalMs: 150 },
    sizeBytes: 2000,
    isHtml: true,
    rendered: false,
    mode: 'static',
    modeReason: 'static-html',
    appShell: false,
    lang: 'en',
    titles: ['Shop'],
    metas: [],
    links: [],
    anchors: [],
    images: [],
    headings: [{ level: 1, text: 'Shop' }],
    jsonLd: [],
    bodyText: '',
    footerText: '',
    addresses: [],
    forms: [],
    subresources: [],
    scriptSrcs: [],
    inlineScripts: '',
    ...overrides,
  };
}

export function meta(name: string, content: string, property = '') {
  return { name: property ? '' : name, property, httpEquiv: '', content };
}

export function anchor(
  rawHref: string | null,
  text: string,
  extra: Partial<AnchorElement> = {},
): AnchorElement {
  let href: string | null = null;
  if (rawHref !== null) {
    try {
      const u = new URL(rawHref, 'https://shop.example/');
      href = u.protocol.startsWith('http') ? u.href : null;
    } catch {
      href = null;
    }
  }
  const attributeNames = [
    ...(rawHref === null ? [] : ['href']),
    ...(extra.onclick ? ['onclick'] : []),
  ];
  return {
    rawHref,
    href,
    text,
    rel: '',
    name: '',
    role: '',
    id: '',
    onclick: '',
    attributeNames,
    listeners: extra.onclick ? ['click'] : [],
    lang: 'en',
    ...extra,
  };
}

export function makeContext(overrides: Partial<PageContext> = {}): PageContext {
  return {
    robotsTxt: { url: 'https://shop.example/robots.txt', status: 404, body: null },
    userAgent: 'QuentoBot/0.1',
    isHomePage: true,
    ...overrides,
  };
}

export function makeSite(overrides: Partial<SiteArtifacts> = {}): SiteArtifacts {
  return {
    startUrl: 'https://shop.example/',
    homeUrl: 'https://shop.example/',
    userAgent: 'QuentoBot/0.1',
    robotsTxt: { url: 'https://shop.example/robots.txt', status: 404, body: null },
    llmsTxt: { url: 'https://shop.example/llms.txt', status: 404, body: null },
    sitemaps: [],
    fetched: {},
    pages: [],
    skipped: [],
    story: null,
    ...overrides,
  };
}

export function outcome(
  status: number,
  finalUrl: string,
  redirects: SiteArtifacts['fetched'][string]['redirects'] = [],
) {
  return { status, finalUrl, redirects };
}

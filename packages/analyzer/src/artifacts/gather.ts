// htmlparser2 (cheerio/slim) rather than parse5: several times faster to load and to parse, which
// is most of the analyzer's CPU time. It builds no implicit <head>/<body>, handled below.

import { resolveHref } from '@quento/url';
import { load } from 'cheerio/slim';
import { primaryLanguage } from '../computed/language.ts';
import { countWords } from '../computed/words.ts';
import type { FetchResult } from '../net/fetcher.ts';
import type { LinkElement, PageArtifacts } from './types.ts';

const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)/i;

/** Set on anchors by the renderer: the event types Chromium lists for the element itself. */
export const LISTENERS_ATTRIBUTE = 'data-quento-listeners';

// Elements that client-side frameworks mount into (React, Vue, Next, Nuxt, Gatsby, Svelte, Angular...).
const APP_ROOTS =
  '#root,#app,#__next,#__nuxt,#___gatsby,#svelte,#q-app,#main-app,#react-root,#vue-app,[data-reactroot],[ng-version],app-root';
// Fewer visible words than this, with a root element and script bundles, is an application shell.
const SHELL_MAX_WORDS = 50;

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Parses an HTTP `Link` header into link elements (`<url>; rel="x"; hreflang="y"`). */
export function parseLinkHeader(value: string | undefined, base: string): LinkElement[] {
  if (!value) return [];
  const out: LinkElement[] = [];
  for (const part of value.split(/,(?=\s*<)/)) {
    const m = part.match(/<([^>]*)>(.*)/);
    if (!m) continue;
    const params = m[2] ?? '';
    const param = (name: string) =>
      params.match(new RegExp(`;\\s*${name}\\s*=\\s*"?([^";]*)"?`, 'i'))?.[1]?.trim() ?? '';
    const raw = (m[1] ?? '').trim();
    out.push({
      rel: param('rel').toLowerCase(),
      // Keep relative header hrefs as written so `hreflang`/`canonical` can flag them.
      href: /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : (resolveHref(raw, base) ?? raw),
      hreflang: param('hreflang'),
      source: 'header',
    });
  }
  return out;
}

/** An artifacts record with no document, for errors and non-HTML responses. */
export function emptyArtifacts(fetch: FetchResult, rendered = false): PageArtifacts {
  return {
    url: fetch.finalUrl,
    requestedUrl: fetch.requestedUrl,
    status: fetch.status,
    redirects: fetch.redirects,
    headers: fetch.headers,
    timing: fetch.timing,
    sizeBytes: fetch.sizeBytes,
    ...(fetch.error ? { fetchError: fetch.error } : {}),
    isHtml: false,
    rendered,
    mode: rendered ? 'rendered' : 'static',
    modeReason: 'no-document',
    appShell: false,
    lang: null,
    titles: [],
    metas: [],
    links: parseLinkHeader(fetch.headers.link, fetch.finalUrl),
    anchors: [],
    images: [],
    headings: [],
    jsonLd: [],
    bodyText: '',
    footerText: '',
    addresses: [],
    forms: [],
    subresources: [],
    scriptSrcs: [],
    inlineScripts: '',
  };
}

export function isHtmlResponse(fetch: FetchResult): boolean {
  return fetch.body !== null && HTML_TYPE.test(fetch.contentType || 'text/html');
}

/**
 * Gathers page artifacts from a response and its document. `html` is the rendered DOM in rendered
 * mode, else the response body. Pure apart from parsing; runs once per page.
 */
export function gatherArtifacts(fetch: FetchResult, html: string | null, rendered = false) {
  const base = emptyArtifacts(fetch, rendered);
  if (html === null || fetch.error) return base;
  const $ = load(html);
  const url = fetch.finalUrl;
  // A <base href> changes how relative links resolve, exactly as in a browser.
  const baseHref = $('base[href]').first().attr('href');
  const docBase = (baseHref && resolveHref(baseHref, url)) || url;
  const attr = (el: Parameters<typeof $>[0], name: string) => $(el).attr(name) ?? '';

  const a: PageArtifacts = { ...base, isHtml: true };
  a.lang = $('html').attr('lang')?.trim() ?? null;
  // The document title is the first <title> in the document, wherever it sits (HTML spec).
  a.titles = $('title')
    .toArray()
    .map((el) => collapse($(el).text()));
  a.metas = $('meta')
    .toArray()
    .map((el) => ({
      name: attr(el, 'name').toLowerCase(),
      property: attr(el, 'property').toLowerCase(),
      httpEquiv: attr(el, 'http-equiv').toLowerCase(),
      content: attr(el, 'content'),
    }));
  const domLinks: LinkElement[] = $('link[rel]')
    .toArray()
    .map((el) => {
      const raw = attr(el, 'href').trim();
      const rel = attr(el, 'rel').toLowerCase().trim();
      // canonical/hreflang audits need to know whether the href was relative.
      const keepRaw = rel === 'canonical' || rel === 'alternate';
      return {
        rel,
        href: keepRaw ? raw : (resolveHref(raw, docBase) ?? raw),
        // Not trimmed: " en" is an invalid code, as it is for a search engine.
        hreflang: attr(el, 'hreflang'),
        source: $(el).closest('body').length > 0 ? ('body' as const) : ('head' as const),
      };
    });
  a.links = [...domLinks, ...base.links];
  type Node = Parameters<typeof $>[0];
  const langOf = (el: Node): string | null => $(el).closest('[lang]').attr('lang') ?? null;
  /** The language of a link's text: its children's if they agree, else the link's own. */
  const textLang = (el: Node): string | null => {
    let found: string | null = null;
    for (const child of $(el).find('*').toArray()) {
      if ($(child).text() === '') continue;
      const lang = langOf(child);
      if (!lang) continue;
      if (!found) found = lang;
      else if (primaryLanguage(found) !== primaryLanguage(lang)) return null;
    }
    return found || langOf(el) || null;
  };
  a.anchors = $('a')
    .toArray()
    .map((el) => {
      const rawHref = $(el).attr('href') ?? null;
      const img = $(el).find('img[alt]').attr('alt') ?? '';
      const attributeNames = Object.keys('attribs' in el ? el.attribs : {}).filter(
        (n) => n !== LISTENERS_ATTRIBUTE,
      );
      // Rendered: what Chromium reported. Static: inline handlers are the listeners we can see.
      const listeners = rendered
        ? attr(el, LISTENERS_ATTRIBUTE).split(/\s+/).filter(Boolean)
        : attributeNames.filter((n) => /^on[a-z]+$/.test(n)).map((n) => n.slice(2));
      return {
        rawHref,
        href: rawHref === null ? null : resolveHref(rawHref, docBase),
        text: collapse($(el).text()) || collapse(attr(el, 'aria-label')) || collapse(img),
        rel: attr(el, 'rel').toLowerCase(),
        name: attr(el, 'name'),
        role: attr(el, 'role'),
        id: attr(el, 'id'),
        onclick: attr(el, 'onclick'),
        attributeNames,
        listeners,
        lang: textLang(el),
      };
    });
  a.images = $('img')
    .toArray()
    .map((el) => ({
      src: resolveHref(attr(el, 'src'), docBase) ?? attr(el, 'src'),
      alt: $(el).attr('alt') ?? null,
      role: attr(el, 'role'),
      width: $(el).attr('width') ?? null,
      height: $(el).attr('height') ?? null,
    }));
  a.headings = $('h1,h2,h3,h4,h5,h6')
    .toArray()
    .map((el) => ({ level: Number(el.tagName.slice(1)), text: collapse($(el).text()) }));
  a.jsonLd = $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => $(el).text());
  const sub: { tag: string; url: string }[] = [];
  const addSub = (selector: string, name: string) => {
    for (const el of $(selector).toArray()) {
      const u = resolveHref(attr(el, name), docBase);
      if (u) sub.push({ tag: 'tagName' in el ? el.tagName : '', url: u });
    }
  };
  addSub('img[src]', 'src');
  addSub('script[src]', 'src');
  addSub('link[rel~="stylesheet"][href]', 'href');
  addSub('iframe[src]', 'src');
  addSub('video[src],audio[src],source[src],embed[src]', 'src');
  addSub('object[data]', 'data');
  a.subresources = sub;
  a.scriptSrcs = $('script[src]')
    .toArray()
    .map((el) => attr(el, 'src'));
  const hasRoot = $(APP_ROOTS).length > 0;
  const bodyIsScripts =
    $('body').length > 0 &&
    $('body').children().not('script,noscript,template,link,style,meta').length === 0;
  a.inlineScripts = $('script:not([src])')
    .toArray()
    .map((el) => $(el).text())
    .join('\n')
    .slice(0, 32 * 1024);
  a.forms = $('form')
    .toArray()
    .map((el) => {
      const form = $(el);
      const fields = form
        .find('input,textarea,select')
        .toArray()
        .map((f) =>
          'tagName' in f && f.tagName !== 'input' ? f.tagName : attr(f, 'type') || 'text',
        )
        .map((t) => t.toLowerCase())
        .filter((t) => t !== 'hidden');
      const words = form
        .find('input,textarea,select,button,label')
        .toArray()
        .flatMap((f) => [attr(f, 'name'), attr(f, 'placeholder'), attr(f, 'value'), $(f).text()]);
      return {
        action: resolveHref(attr(el, 'action') || url, docBase) ?? url,
        method: (attr(el, 'method') || 'get').toLowerCase(),
        id: attr(el, 'id'),
        fields,
        text: collapse([attr(el, 'id'), attr(el, 'class'), attr(el, 'name'), ...words].join(' ')),
      };
    });
  // Last step, so the document is edited in place rather than cloned.
  $('head,title,script,style,noscript,template,svg,iframe').remove();
  // Block elements are separated by whitespace so that words do not run together.
  $('p,div,li,h1,h2,h3,h4,h5,h6,td,th,br,section,article').after(' ');
  const body = $('body');
  a.bodyText = collapse(body.length > 0 ? body.text() : $.root().text());
  a.addresses = $('address')
    .toArray()
    .map((el) => collapse($(el).text()))
    .filter(Boolean);
  const FOOTER = 'footer,[role="contentinfo"]';
  a.footerText = collapse(
    $(FOOTER)
      .toArray()
      .filter((el) => $(el).parents(FOOTER).length === 0)
      .map((el) => $(el).text())
      .join(' '),
  );
  a.appShell =
    a.scriptSrcs.length > 0 &&
    (hasRoot || bodyIsScripts) &&
    countWords(a.bodyText) < SHELL_MAX_WORDS;
  return a;
}

import type { AnalyzerErrorCode } from '../errors.ts';
import type { RedirectHop } from '../net/fetcher.ts';
import type { BusinessStory } from '../story/story.ts';

/**
 * Page artifacts: everything audits may know about one page, gathered once from the HTTP response
 * and the (static or rendered) DOM. Plain data so tests can build them by hand.
 */
export interface MetaElement {
  name: string;
  property: string;
  httpEquiv: string;
  content: string;
}

export interface LinkElement {
  rel: string;
  href: string;
  hreflang: string;
  /** Where it was found: the document head, the body, or an HTTP `Link` header. */
  source: 'head' | 'body' | 'header';
}

export interface AnchorElement {
  /** The href attribute as written; null when absent. */
  rawHref: string | null;
  /** Absolute http(s) URL, or null (javascript:, mailto:, invalid, absent). */
  href: string | null;
  text: string;
  rel: string;
  name: string;
  role: string;
  id: string;
  onclick: string;
  /** Attribute names on the element (lower-case), as a browser's getAttributeNames(). */
  attributeNames: string[];
  /**
   * Event types listened for on the element itself (not its ancestors). Rendered: what Chromium's
   * DevTools protocol lists for anchors without href; static: the inline `on*` attributes.
   */
  listeners: string[];
  /** Language of the link's text: its children's common `lang`, else its own or an ancestor's. */
  lang: string | null;
}

/** A form, as far as the contact-path audit needs it. */
export interface FormElement {
  /** Absolute action URL, or the page's own URL when absent. */
  action: string;
  method: string;
  id: string;
  /** Field kinds: the input `type` (email, tel, date...), or `textarea` / `select`. */
  fields: string[];
  /** Field names, placeholders, labels and button text, for telling a contact form from a search. */
  text: string;
}

export interface ImageElement {
  src: string;
  alt: string | null;
  role: string;
  width: string | null;
  height: string | null;
}

/**
 * How a page was read: `static` (the HTTP response parsed) or `rendered` (Chromium's DOM), and why.
 * - `render-requested`: rendered because rendering was asked for;
 * - `app-shell`: rendered because the static HTML looked like an application shell;
 * - `static-html`: the static HTML had content, so it was not rendered;
 * - `static-requested`: rendering was turned off;
 * - `no-browser`: it looked like an application shell but no Chromium could be started;
 * - `render-failed`: rendering was tried and failed; the static HTML was audited;
 * - `no-document`: an error page, a failed fetch or not HTML.
 */
export type ReadMode = 'static' | 'rendered';
export type ReadModeReason =
  | 'render-requested'
  | 'app-shell'
  | 'static-html'
  | 'static-requested'
  | 'no-browser'
  | 'render-failed'
  | 'no-document';

export interface PageArtifacts {
  url: string;
  requestedUrl: string;
  status: number;
  redirects: RedirectHop[];
  headers: Record<string, string>;
  timing: { ttfbMs: number; totalMs: number };
  sizeBytes: number;
  /** Set when the page could not be fetched. */
  fetchError?: { code: AnalyzerErrorCode; message: string };
  /** Set when rendering failed and the static HTML was audited instead. */
  renderError?: { code: AnalyzerErrorCode; message: string };
  isHtml: boolean;
  rendered: boolean;
  mode: ReadMode;
  modeReason: ReadModeReason;
  /**
   * The document looks like a client-rendered application shell: little visible text, a root
   * element such as #root, #app or #__next (or a body of scripts only), and script bundles.
   */
  appShell: boolean;
  lang: string | null;
  titles: string[];
  metas: MetaElement[];
  links: LinkElement[];
  anchors: AnchorElement[];
  images: ImageElement[];
  headings: { level: number; text: string }[];
  jsonLd: string[];
  /** Visible body text (scripts, styles, templates removed), whitespace collapsed. */
  bodyText: string;
  /** Visible text of the page footer (`<footer>`, `role=contentinfo`), whitespace collapsed. */
  footerText: string;
  /** Text of `<address>` elements. */
  addresses: string[];
  forms: FormElement[];
  /** URLs of subresources with the element that loads them (for mixed content). */
  subresources: { tag: string; url: string }[];
  scriptSrcs: string[];
  /** The first 32 KB of inline script text, for technology fingerprints. */
  inlineScripts: string;
}

/** A text resource fetched for the site as a whole (robots.txt, llms.txt). */
export interface TextResource {
  url: string;
  status: number;
  body: string | null;
  error?: string;
}

export interface SitemapArtifact {
  url: string;
  status: number;
  kind: 'urlset' | 'index' | 'invalid' | 'unreachable';
  urls: string[];
  error?: string;
}

/** Site artifacts: the crawl as a whole. */
export interface SiteArtifacts {
  startUrl: string;
  /** Final URL of the start page (after redirects). */
  homeUrl: string;
  userAgent: string;
  robotsTxt: TextResource;
  llmsTxt: TextResource;
  sitemaps: SitemapArtifact[];
  /** Every page-like URL fetched (HTML or not), normalised, with its outcome. */
  fetched: Record<
    string,
    { status: number; finalUrl: string; redirects: RedirectHop[]; error?: string }
  >;
  pages: PageArtifacts[];
  /** URLs found but not fetched: disallowed by robots.txt or beyond the limits. */
  skipped: { url: string; reason: 'robots' | 'limit' }[];
  /** What the owner says the business is; null without one (the story audits do not apply). */
  story: BusinessStory | null;
}

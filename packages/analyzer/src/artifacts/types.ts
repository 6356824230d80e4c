import type { AnalyzerErrorCode } from '../errors.ts';
import type { RedirectHop } from '../net/fetcher.ts';

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
  onclick: string;
}

export interface ImageElement {
  src: string;
  alt: string | null;
  role: string;
  width: string | null;
  height: string | null;
}

export interface PageArtifacts {
  url: string;
  requestedUrl: string;
  status: number;
  redirects: RedirectHop[];
  headers: Record<string, string>;
  timing: { ttfbMs: number; totalMs: number };
  sizeBytes: number;
  /** Set when the page could not be fetched or rendered. */
  fetchError?: { code: AnalyzerErrorCode; message: string };
  isHtml: boolean;
  rendered: boolean;
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
}

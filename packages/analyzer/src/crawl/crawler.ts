import { isSameSite, normalizeUrl } from '@quento/url';
import { emptyArtifacts, gatherArtifacts, isHtmlResponse } from '../artifacts/gather.ts';
import type { PageArtifacts, SiteArtifacts, TextResource } from '../artifacts/types.ts';
import { parsedRobots, productToken } from '../computed/robots.ts';
import type { Fetcher, FetchResult } from '../net/fetcher.ts';
import type { ProgressEvent } from '../types.ts';
import type { Renderer } from './renderer.ts';

/** `always` renders every HTML page, `auto` only application shells, `never` none. */
export type RenderChoice = 'always' | 'auto' | 'never';

export interface CrawlOptions {
  fetcher: Fetcher;
  render: RenderChoice;
  /** The renderer, started on first use; null when none can be started (auto mode). */
  renderer?: () => Promise<Renderer | null>;
  startFetch: FetchResult;
  robotsTxt: TextResource;
  sitemapUrls: string[];
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  perHostDelayMs: number;
  deadline: number;
  userAgent: string;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  /** Called once per page as soon as its artifacts exist (page audits run here). */
  onPage: (page: PageArtifacts) => void;
}

const MAX_SKIPPED = 100;
const MAX_CRAWL_DELAY_MS = 2_000;

/**
 * Level-by-level breadth-first crawl. Each depth is fetched with bounded concurrency and only then
 * are its links queued, in page order: the set of crawled pages does not depend on which response
 * happened to arrive first, so results are reproducible.
 */
export async function crawl(
  opts: CrawlOptions,
): Promise<Omit<SiteArtifacts, 'llmsTxt' | 'sitemaps' | 'robotsTxt' | 'story'>> {
  const { fetcher, startFetch } = opts;
  const homeUrl = startFetch.finalUrl;
  const robots = parsedRobots(opts.robotsTxt);
  const ua = productToken(opts.userAgent);
  const seen = new Set<string>();
  const fetched: SiteArtifacts['fetched'] = {};
  const pages: PageArtifacts[] = [];
  const skipped: SiteArtifacts['skipped'] = [];
  const counts = { queued: 0, fetched: 0, audited: 0 };
  let budget = opts.maxPages;
  let nextStart = 0;

  const progress = (type: ProgressEvent['type'], url?: string) =>
    opts.onProgress?.({ type, url, ...counts, total: Math.min(counts.queued, opts.maxPages) });
  const skip = (url: string, reason: 'robots' | 'limit') => {
    if (skipped.length < MAX_SKIPPED) skipped.push({ url, reason });
  };
  const mark = (url: string) => {
    const n = normalizeUrl(url);
    if (n) seen.add(n);
  };
  const record = (r: FetchResult) => {
    const outcome = {
      status: r.status,
      finalUrl: r.finalUrl,
      redirects: r.redirects,
      ...(r.error ? { error: r.error.code } : {}),
    };
    for (const u of [r.requestedUrl, r.finalUrl]) {
      const n = normalizeUrl(u);
      if (n && !(n in fetched)) fetched[n] = outcome;
    }
  };

  const handle = async (r: FetchResult): Promise<PageArtifacts | null> => {
    record(r);
    counts.fetched++;
    progress('fetched', r.requestedUrl);
    if (r.redirects.length > 0 && r !== startFetch) {
      // A redirect to another site, or to a URL already queued, is a link outcome, not a page.
      const final = normalizeUrl(r.finalUrl);
      if (!final || !isSameSite(final, homeUrl) || seen.has(final)) return null;
      seen.add(final);
    }
    let page: PageArtifacts;
    if (r.error || !isHtmlResponse(r)) {
      // Successful non-HTML resources (PDFs, images) are link targets, not pages.
      if (!r.error && r.status < 400) return null;
      page = emptyArtifacts(r);
    } else if (r.status >= 400) {
      page = gatherArtifacts(r, r.body);
    } else {
      page = await read(r);
    }
    opts.onPage(page);
    counts.audited++;
    progress('audited', page.url);
    return page;
  };

  /** Reads an HTML page statically or rendered, as the render choice and the page decide. */
  const read = async (r: FetchResult): Promise<PageArtifacts> => {
    const { render } = opts;
    // Parsed lazily: when every page is rendered, the static DOM is only needed on failure.
    let parsed: PageArtifacts | undefined;
    const staticPage = () => {
      parsed ??= gatherArtifacts(r, r.body);
      return parsed;
    };
    if (render === 'never' || !opts.renderer) {
      return {
        ...staticPage(),
        modeReason: render === 'never' ? 'static-requested' : 'static-html',
      };
    }
    if (render === 'auto' && !staticPage().appShell) {
      return { ...staticPage(), modeReason: 'static-html' };
    }
    const renderer = await opts.renderer();
    if (!renderer) return { ...staticPage(), modeReason: 'no-browser' };
    const rendered = await renderer.render(r);
    if (!('html' in rendered)) {
      // The page loaded: its static HTML is audited, and the report says why it was not rendered.
      return { ...staticPage(), renderError: rendered.error, modeReason: 'render-failed' };
    }
    return {
      ...gatherArtifacts(r, rendered.html, true),
      modeReason: render === 'always' ? 'render-requested' : 'app-shell',
    };
  };

  // robots.txt Crawl-delay is honoured, capped so that a whole crawl stays bounded.
  const crawlDelay = Number(robots?.getCrawlDelay(ua));
  const delayMs = Math.max(
    opts.perHostDelayMs,
    Number.isFinite(crawlDelay) ? Math.min(crawlDelay * 1000, MAX_CRAWL_DELAY_MS) : 0,
  );
  const throttle = async () => {
    if (delayMs <= 0) return;
    const now = Date.now();
    const wait = Math.max(0, nextStart - now);
    nextStart = Math.max(now, nextStart) + delayMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };

  mark(startFetch.requestedUrl);
  mark(homeUrl);
  counts.queued = 1;
  progress('queued', startFetch.requestedUrl);
  budget--;
  const first = await handle(startFetch);
  let level: PageArtifacts[] = first ? [first] : [];
  if (first) pages.push(first);

  for (let depth = 1; depth <= opts.maxDepth; depth++) {
    const candidates: string[] = [];
    for (const page of level) {
      for (const a of page.anchors) {
        if (a.href && !a.rel.split(/\s+/).includes('nofollow')) candidates.push(a.href);
      }
    }
    // Sitemap URLs are seeds one hop from the start, after the links the home page shows.
    if (depth === 1) candidates.push(...opts.sitemapUrls);
    const next: string[] = [];
    for (const href of candidates) {
      const n = normalizeUrl(href);
      if (!n || seen.has(n) || !isSameSite(n, homeUrl)) continue;
      seen.add(n);
      if (robots?.isDisallowed(n, ua)) {
        skip(n, 'robots');
        continue;
      }
      if (budget <= 0) {
        skip(n, 'limit');
        continue;
      }
      budget--;
      next.push(n);
      counts.queued++;
      progress('queued', n);
    }
    if (next.length === 0) break;

    const results: (PageArtifacts | null)[] = new Array(next.length).fill(null);
    let cursor = 0;
    const worker = async () => {
      while (cursor < next.length) {
        const i = cursor++;
        const url = next[i] as string;
        if (opts.signal?.aborted) return;
        if (Date.now() > opts.deadline) {
          skip(url, 'limit');
          continue;
        }
        await throttle();
        results[i] = await handle(await fetcher.fetch(url));
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, next.length) }, worker));
    level = results.filter((p): p is PageArtifacts => p !== null);
    pages.push(...level);
    if (opts.signal?.aborted || Date.now() > opts.deadline) break;
  }
  return {
    startUrl: startFetch.requestedUrl,
    homeUrl,
    userAgent: opts.userAgent,
    fetched,
    pages,
    skipped,
  };
}

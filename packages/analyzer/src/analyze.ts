import type { PageArtifacts, SiteArtifacts } from './artifacts/types.ts';
import type { AuditResult, PageContext } from './audits/audit.ts';
import { parsedRobots } from './computed/robots.ts';
import { findChromium } from './crawl/chromium.ts';
import { crawl, type RenderChoice } from './crawl/crawler.ts';
import type { Renderer, Screenshot } from './crawl/renderer.ts';
import { fetchSitemaps, fetchText } from './crawl/site-resources.ts';
import { AnalyzerError, toAnalyzerError } from './errors.ts';
import { Fetcher } from './net/fetcher.ts';
import { checkUrl, type NetworkPolicy } from './net/ssrf.ts';
import { runPageAudits, runSiteAudits } from './runner.ts';
import { computeScores, siteAuditScores } from './scoring.ts';
import { hasStory } from './story/story.ts';
import type { AnalysisReport, AnalyzeOptions, PageReport } from './types.ts';

export const DEFAULT_USER_AGENT = 'QuentoBot/0.1 (+https://quento.app/bot)';

/** Crawls a site, audits every page and the site as a whole, and scores it. */
export async function analyzeSite(options: AnalyzeOptions): Promise<AnalysisReport> {
  const startedAt = new Date();
  const policy: NetworkPolicy = {
    allowPrivate: options.allowPrivate ?? false,
    ...(options.allowOrigins ? { allowOrigins: options.allowOrigins } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  // Validate before anything else touches the network; refusals surface as URL_REFUSED.
  const { url: start } = await checkUrl(options.url, policy).catch((err: unknown) => {
    if (err instanceof AnalyzerError && err.code === 'HOST_NOT_FOUND') {
      throw new AnalyzerError('START_URL_UNREACHABLE', err.message, { cause: err });
    }
    throw err;
  });

  const render: RenderChoice =
    options.render === 'auto' ? 'auto' : options.render === true ? 'always' : 'never';
  // Asked to render: fail fast on a missing browser, but only start it once the start URL has
  // answered. Auto: look for one only when a page turns out to be an application shell.
  const chromiumPath = render === 'always' ? findChromium(options.chromiumPath) : undefined;
  let starting: Promise<Renderer | null> | undefined;
  const renderer = () => {
    starting ??= startRenderer();
    return starting;
  };
  const startRenderer = async (): Promise<Renderer | null> => {
    try {
      const executable = chromiumPath ?? findChromium(options.chromiumPath);
      // Imported lazily: playwright-core is heavy and static pages never need it.
      const { launchRenderer } = await import('./crawl/rendered.ts');
      return await launchRenderer({
        policy,
        chromiumPath: executable,
        timeoutMs: requestTimeoutMs,
        deadlineMs: options.renderTimeoutMs ?? requestTimeoutMs + 5_000,
        concurrency: options.concurrency ?? 4,
        screenshots: options.screenshot === true,
      });
    } catch (err) {
      // In auto mode a missing browser means the page is read statically; one that would not
      // start, the same, with the reason on each page that wanted rendering.
      if (render === 'auto' && err instanceof AnalyzerError) {
        return err.code === 'CHROMIUM_NOT_FOUND' ? null : unavailableRenderer(err);
      }
      throw err;
    }
  };
  const fetcher = new Fetcher({
    policy,
    userAgent,
    requestTimeoutMs,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    ...(options.extraCaCertificates ? { extraCaCertificates: options.extraCaCertificates } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const startFetch = await fetcher.fetch(start.href);
    if (startFetch.error) {
      if (startFetch.error.code === 'ABORTED') throw new AnalyzerError('ABORTED');
      const code =
        startFetch.error.code === 'URL_REFUSED' ? 'URL_REFUSED' : 'START_URL_UNREACHABLE';
      throw new AnalyzerError(code, `${start.href}: ${startFetch.error.message}`);
    }
    if (render === 'always') await renderer();
    const homeUrl = startFetch.finalUrl;
    const [robotsTxt, llmsTxt] = await Promise.all([
      fetchText(fetcher, new URL('/robots.txt', homeUrl).href),
      fetchText(fetcher, new URL('/llms.txt', homeUrl).href),
    ]);
    const sitemaps = await fetchSitemaps(
      fetcher,
      homeUrl,
      parsedRobots(robotsTxt)?.getSitemaps() ?? [],
    );
    const sitemapUrls = sitemaps.flatMap((s) => (s.kind === 'urlset' ? s.urls : []));

    const pageAudits = new Map<PageArtifacts, Record<string, AuditResult>>();
    const crawled = await crawl({
      fetcher,
      render,
      renderer,
      startFetch,
      robotsTxt,
      sitemapUrls,
      maxPages: Math.max(1, options.maxPages ?? 50),
      maxDepth: options.maxDepth ?? Number.POSITIVE_INFINITY,
      concurrency: Math.max(1, options.concurrency ?? 4),
      perHostDelayMs: options.perHostDelayMs ?? 0,
      deadline: options.timeBudgetMs
        ? startedAt.getTime() + options.timeBudgetMs
        : Number.POSITIVE_INFINITY,
      userAgent,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onPage(page) {
        const context: PageContext = { robotsTxt, userAgent, isHomePage: page.url === homeUrl };
        pageAudits.set(page, runPageAudits(page, context));
        options.onPageArtifacts?.(page);
      },
    });
    if (options.signal?.aborted) throw new AnalyzerError('ABORTED');
    // After the crawl, not beside it: a browser starting while pages are fetched would slow
    // this machine and so the response times the audits measure. In the browser the crawl
    // started if it rendered: one Chromium per analysis.
    const shot = options.screenshot === true ? await screenshotOf(homeUrl, renderer) : undefined;
    if (options.signal?.aborted) throw new AnalyzerError('ABORTED');
    const story = hasStory(options.story) ? options.story : null;
    const site: SiteArtifacts = { ...crawled, robotsTxt, llmsTxt, sitemaps, story };
    const siteAudits = runSiteAudits(site);
    const pages: PageReport[] = site.pages.map((p) => ({
      url: p.url,
      requestedUrl: p.requestedUrl,
      status: p.status,
      redirects: p.redirects,
      timing: p.timing,
      sizeBytes: p.sizeBytes,
      rendered: p.rendered,
      mode: p.mode,
      modeReason: p.modeReason,
      ...(p.fetchError ? { error: p.fetchError } : p.renderError ? { error: p.renderError } : {}),
      audits: pageAudits.get(p) ?? {},
    }));
    const perAudit = siteAuditScores(pages, siteAudits);
    const started = await starting?.catch(() => null);
    const report: AnalysisReport = {
      url: options.url,
      finalUrl: homeUrl,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      mode: render === 'always' || pages.some((p) => p.rendered) ? 'rendered' : 'static',
      pages,
      site: {
        audits: siteAudits,
        skipped: site.skipped,
        blockedRequests: started ? started.blocked.slice(0, 100) : [],
      },
      auditScores: Object.fromEntries(
        [...perAudit].map(([id, s]) => [id, s === null ? null : Math.round(s * 1000) / 1000]),
      ),
      scores: computeScores(perAudit),
      ...(shot
        ? 'screenshot' in shot
          ? { screenshot: shot.screenshot }
          : { screenshot: null, screenshotError: shot.error }
        : {}),
    };
    options.onProgress?.({
      type: 'done',
      queued: pages.length,
      fetched: pages.length,
      audited: pages.length,
      total: pages.length,
    });
    return report;
  } finally {
    await fetcher.close();
    await (await starting?.catch(() => null))?.close();
  }
}

/** A renderer that could not start: every render answers with the reason, at once. */
function unavailableRenderer(err: AnalyzerError): Renderer {
  const error = { code: err.code, message: err.message };
  return {
    blocked: [],
    render: async () => ({ error }),
    screenshot: async () => ({ error }),
    close: async () => {},
  };
}

/**
 * The home page's screenshot, or why there is none (no Chromium, a launch or render that
 * failed): never an exception, a screenshot is never worth failing an analysis for.
 */
async function screenshotOf(
  url: string,
  renderer: () => Promise<Renderer | null>,
): Promise<{ screenshot: Screenshot } | { error: { code: string; message: string } }> {
  try {
    const r = await renderer();
    if (!r) {
      const message = 'No Chromium was found for the screenshot (install it or set CHROMIUM_PATH).';
      return { error: { code: 'CHROMIUM_NOT_FOUND', message } };
    }
    return await r.screenshot(url);
  } catch (err) {
    const e = toAnalyzerError(err, 'RENDER_FAILED');
    return { error: { code: e.code, message: e.message } };
  }
}

/** `analyzeSite` with the URL first: `analyze(url, { story, maxPages })`. */
export function analyze(url: string, options: Omit<AnalyzeOptions, 'url'> = {}) {
  return analyzeSite({ ...options, url });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { AnalyzerError } from '../errors.ts';
import type { FetchResult } from '../net/fetcher.ts';
import type { NetworkPolicy } from '../net/ssrf.ts';
import { SsrfProxy } from '../net/ssrf-proxy.ts';
import { CHROMIUM_FLAGS, findChromium, killBrowsersUsing } from './chromium.ts';
import { seconds, withDeadline } from './deadline.ts';
import { markAnchorListeners } from './listeners.ts';
import type { Renderer } from './renderer.ts';

export interface RendererOptions {
  policy: NetworkPolicy;
  chromiumPath?: string | undefined;
  timeoutMs: number;
  /**
   * Bound on starting Chromium, and on each page's whole render (navigation, settling, reading the
   * DOM). Past it the page is read statically, with a note.
   */
  deadlineMs: number;
  concurrency: number;
  /**
   * Screenshots will be asked for: the browser loads images (a screenshot without them looks
   * broken), and the pages rendered for the audits block theirs one by one instead.
   */
  screenshots?: boolean;
}

/** The screenshot's JPEG quality: a first screen at 1280 x 800 is then 50-200 kB. */
const SCREENSHOT_QUALITY = 70;
// After DOMContentLoaded, how long a screenshot waits for the page's `load` (pictures, fonts).
const SCREENSHOT_LOAD_MS = 5_000;

const VIEWPORT = { width: 1280, height: 800 };

// Closing the browser may hang when it no longer answers; the crawl's result does not wait for it.
const CLOSE_DEADLINE_MS = 5_000;

// After DOMContentLoaded, wait this long at most for the network to go quiet (late fetch()-driven content).
const SETTLE_MS = 1_500;
const QUIET_MS = 50;

/**
 * Renders pages in the system Chromium. Every request the browser makes, the document included,
 * goes through the SSRF proxy. (Serving the already fetched document from memory through
 * `page.route` was measured slower: each intercepted request is a round trip to Node.)
 */
export async function launchRenderer(opts: RendererOptions): Promise<Renderer> {
  const executablePath = findChromium(opts.chromiumPath);
  const proxy = new SsrfProxy(opts.policy);
  const userDataDir = await mkdtemp(join(tmpdir(), 'quento-chromium-'));
  const launching = (async () => {
    const proxyUrl = await proxy.listen();
    return chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        `--proxy-server=${proxyUrl}`,
        // Chromium bypasses proxies for loopback unless told otherwise; nothing may bypass it.
        '--proxy-bypass-list=<-loopback>',
        // Pictures change nothing in the DOM the audits read; not loading them saves most requests.
        // With screenshots the browser loads them, and each audited page blocks its own.
        ...(opts.screenshots ? [] : ['--blink-settings=imagesEnabled=false']),
        // Several pages render at once; none of them may be throttled as a background tab.
        '--disable-background-timer-throttling',
        '--disable-backgrounding-occluded-windows',
        '--disable-renderer-backgrounding',
        // WebRTC can send UDP (STUN) straight to any address, around the proxy: forbid it.
        '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
        '--webrtc-ip-handling-policy=disable_non_proxied_udp',
        '--disable-extensions',
        '--mute-audio',
      ],
      serviceWorkers: 'block',
      ignoreHTTPSErrors: false,
      viewport: VIEWPORT,
      // Playwright kills a browser that has not answered by then; the deadline below is the bound.
      timeout: opts.deadlineMs,
    });
  })();
  let context: BrowserContext;
  try {
    context = await withDeadline(
      launching,
      opts.deadlineMs,
      `Chromium did not start within ${seconds(opts.deadlineMs)}`,
    );
  } catch (err) {
    // The browser that did not answer is killed, not left to Playwright's clean-up (which keeps
    // the process alive for up to 30 s); a launch that completes after all is closed at once.
    killBrowsersUsing(userDataDir);
    launching.then((late) => late.close()).catch(() => undefined);
    await proxy.close();
    await rm(userDataDir, { recursive: true, force: true });
    const message = (err as Error).message.split('\n')[0] ?? 'launch failed';
    throw err instanceof AnalyzerError
      ? err
      : new AnalyzerError('RENDER_FAILED', `Chromium did not start: ${message}`, { cause: err });
  }

  // One DevTools session per page, kept while the page is reused.
  const sessions = new WeakMap<Page, CDPSession>();
  const sessionFor = async (page: Page) => {
    let s = sessions.get(page);
    if (!s) {
      s = await context.newCDPSession(page);
      sessions.set(page, s);
    }
    return s;
  };
  // Pages are reused across URLs: creating a page costs more than navigating one.
  const idle: Page[] = [];
  const newAuditPage = async () => {
    const page = await context.newPage();
    if (opts.screenshots) await blockImages(await sessionFor(page));
    return page;
  };
  const acquire = async () => idle.pop() ?? (await newAuditPage());
  // Set once a render overran its deadline: the browser (or the site's renderer process, which
  // its other pages share) stopped answering, and every later render would wait as long.
  let stalled: string | null = null;

  const renderPage = async (page: Page, url: string) => {
    let inflight = 0;
    const up = () => inflight++;
    const down = () => inflight--;
    page.on('request', up);
    page.on('requestfinished', down);
    page.on('requestfailed', down);
    try {
      // DOMContentLoaded has run the page's synchronous scripts; `settle` then waits for what they
      // load. Waiting for `load` as well would add stylesheets and frames the DOM does not need.
      await page.goto(url, {
        waitUntil: 'domcontentloaded',
        timeout: Math.min(opts.timeoutMs, opts.deadlineMs),
      });
      await settle(() => inflight);
      await markAnchorListeners(await sessionFor(page));
      return await page.content();
    } finally {
      page.off('request', up);
      page.off('requestfinished', down);
      page.off('requestfailed', down);
    }
  };

  return {
    blocked: proxy.blocked,
    async render(fetch: FetchResult) {
      if (stalled) return { error: { code: 'RENDER_FAILED' as const, message: stalled } };
      let page: Page | undefined;
      try {
        const html = await withDeadline(
          (async () => {
            page = await acquire();
            return renderPage(page, fetch.finalUrl);
          })(),
          opts.deadlineMs,
          `The page did not finish rendering within ${seconds(opts.deadlineMs)}`,
        );
        if (page) idle.push(page);
        return { html };
      } catch (err) {
        const message = (err as Error).message.split('\n')[0] ?? 'render failed';
        if (err instanceof AnalyzerError) {
          stalled = `Rendering was stopped after a page did not finish within ${seconds(opts.deadlineMs)}`;
        }
        // A page that failed may still be busy: closed rather than reused, and not waited for.
        void (page as Page | undefined)?.close().catch(() => undefined);
        return { error: { code: 'RENDER_FAILED' as const, message } };
      }
    },
    async screenshot(url: string) {
      if (stalled) return { error: { code: 'RENDER_FAILED' as const, message: stalled } };
      let page: Page | undefined;
      try {
        return await withDeadline(
          (async () => {
            // A page of its own, never reused for the audits: its images load.
            page = await context.newPage();
            const timeout = Math.min(opts.timeoutMs, opts.deadlineMs);
            await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
            // Pictures and fonts, for a while; a page that never finishes loading is shown as it is.
            await page
              .waitForLoadState('load', { timeout: Math.min(SCREENSHOT_LOAD_MS, timeout) })
              .catch(() => undefined);
            const data = await page.screenshot({
              type: 'jpeg',
              quality: SCREENSHOT_QUALITY,
              animations: 'disabled',
              timeout,
            });
            const size = page.viewportSize() ?? VIEWPORT;
            return {
              screenshot: {
                url: page.url(),
                contentType: 'image/jpeg' as const,
                width: size.width,
                height: size.height,
                data: new Uint8Array(data),
              },
            };
          })(),
          opts.deadlineMs,
          `The screenshot was not taken within ${seconds(opts.deadlineMs)}`,
        );
      } catch (err) {
        if (err instanceof AnalyzerError) {
          stalled = `Rendering was stopped after a screenshot did not finish within ${seconds(opts.deadlineMs)}`;
        }
        const message = (err as Error).message.split('\n')[0] ?? 'screenshot failed';
        return { error: { code: 'RENDER_FAILED' as const, message } };
      } finally {
        void (page as Page | undefined)?.close().catch(() => undefined);
      }
    },
    async close() {
      await withDeadline(context.close(), CLOSE_DEADLINE_MS, 'close').catch(() => {
        killBrowsersUsing(userDataDir);
      });
      await withDeadline(proxy.close(), CLOSE_DEADLINE_MS, 'close').catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Fails every image request of the page before it leaves the browser, through the DevTools Fetch
 * domain (only images are paused, so other requests pay nothing): the audits read the DOM, which
 * pictures do not change, and the crawl does not wait for them.
 */
async function blockImages(session: CDPSession): Promise<void> {
  session.on('Fetch.requestPaused', (event) => {
    session
      .send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' })
      .catch(() => undefined);
  });
  await session.send('Fetch.enable', {
    patterns: [{ resourceType: 'Image', requestStage: 'Request' }],
  });
}

/**
 * After DOMContentLoaded, waits until the page has had no request in flight for QUIET_MS (content fetched
 * by script arrives), at most SETTLE_MS. Cheaper than Playwright's networkidle, which always
 * waits 500 ms.
 */
async function settle(inflight: () => number): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  let quietSince = inflight() === 0 ? Date.now() : 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    if (inflight() > 0) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) return;
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { AnalyzerError } from '../errors.ts';
import type { FetchResult } from '../net/fetcher.ts';
import type { NetworkPolicy } from '../net/ssrf.ts';
import { SsrfProxy } from '../net/ssrf-proxy.ts';
import { CHROMIUM_FLAGS, findChromium } from './chromium.ts';
import { markAnchorListeners } from './listeners.ts';
import type { Renderer } from './renderer.ts';

export interface RendererOptions {
  policy: NetworkPolicy;
  chromiumPath?: string | undefined;
  timeoutMs: number;
  concurrency: number;
}

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
  const proxyUrl = await proxy.listen();
  const userDataDir = await mkdtemp(join(tmpdir(), 'quento-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        `--proxy-server=${proxyUrl}`,
        // Chromium bypasses proxies for loopback unless told otherwise; nothing may bypass it.
        '--proxy-bypass-list=<-loopback>',
        // Pictures change nothing in the DOM the audits read; not loading them saves most requests.
        '--blink-settings=imagesEnabled=false',
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
      viewport: { width: 1280, height: 800 },
      timeout: 30_000,
    });
  } catch (err) {
    await proxy.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw new AnalyzerError('RENDER_FAILED', `Chromium did not start: ${(err as Error).message}`, {
      cause: err,
    });
  }

  // Pages are reused across URLs: creating a page costs more than navigating one.
  const idle: Page[] = [];
  const acquire = async () => idle.pop() ?? (await context.newPage());
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

  return {
    blocked: proxy.blocked,
    async render(fetch: FetchResult) {
      const page = await acquire();
      let inflight = 0;
      const up = () => inflight++;
      const down = () => inflight--;
      page.on('request', up);
      page.on('requestfinished', down);
      page.on('requestfailed', down);
      let healthy = true;
      try {
        // DOMContentLoaded has run the page's synchronous scripts; `settle` then waits for what they
        // load. Waiting for `load` as well would add stylesheets and frames the DOM does not need.
        await page.goto(fetch.finalUrl, { waitUntil: 'domcontentloaded', timeout: opts.timeoutMs });
        await settle(() => inflight);
        await markAnchorListeners(await sessionFor(page));
        return { html: await page.content() };
      } catch (err) {
        healthy = false;
        const message = (err as Error).message.split('\n')[0] ?? 'render failed';
        return { error: { code: 'RENDER_FAILED' as const, message } };
      } finally {
        page.off('request', up);
        page.off('requestfinished', down);
        page.off('requestfailed', down);
        // A page that failed may still be busy; it is closed rather than reused.
        if (healthy) idle.push(page);
        else await page.close().catch(() => undefined);
      }
    },
    async close() {
      await context.close().catch(() => undefined);
      await proxy.close();
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { AnalyzerError } from '../errors.ts';
import type { FetchResult } from '../net/fetcher.ts';
import type { NetworkPolicy } from '../net/ssrf.ts';
import { SsrfProxy } from '../net/ssrf-proxy.ts';
import { CHROMIUM_FLAGS, findChromium } from './chromium.ts';
import type { Renderer } from './renderer.ts';

export interface RendererOptions {
  policy: NetworkPolicy;
  chromiumPath?: string | undefined;
  timeoutMs: number;
  concurrency: number;
}

// After `load`, wait this long at most for the network to go quiet (late fetch()-driven content).
const SETTLE_MS = 1_500;

// The body is re-served decoded and as UTF-8, so framing and encoding headers no longer apply.
const DROPPED = new Set([
  'content-length',
  'transfer-encoding',
  'content-encoding',
  'connection',
  'keep-alive',
]);

function servedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!DROPPED.has(k)) out[k] = v;
  out['content-type'] = 'text/html; charset=utf-8';
  return out;
}

/**
 * Renders pages in the system Chromium. The document body already fetched (and SSRF-checked hop
 * by hop) is served to the browser from memory; every other request goes through the SSRF proxy.
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

  return {
    blocked: proxy.blocked,
    async render(fetch: FetchResult) {
      const page = await context.newPage();
      try {
        await page.route(
          (u) => u.href === fetch.finalUrl,
          (route) =>
            route.request().isNavigationRequest()
              ? route.fulfill({
                  status: fetch.status,
                  headers: servedHeaders(fetch.headers),
                  body: fetch.body ?? '',
                })
              : route.fallback(),
        );
        await page.goto(fetch.finalUrl, { waitUntil: 'load', timeout: opts.timeoutMs });
        await page.waitForLoadState('networkidle', { timeout: SETTLE_MS }).catch(() => undefined);
        return { html: await page.content() };
      } catch (err) {
        return {
          error: {
            code: 'RENDER_FAILED' as const,
            message: (err as Error).message.split('\n')[0] ?? 'render failed',
          },
        };
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    async close() {
      await context.close().catch(() => undefined);
      await proxy.close();
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

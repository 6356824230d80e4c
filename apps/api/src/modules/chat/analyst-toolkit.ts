import {
  type AnalysisReport,
  analyzeSite,
  assertPublicUrl,
  DEFAULT_USER_AGENT,
  Fetcher,
} from '@quento/analyzer';
import { collectFindings } from '@quento/engine';
import { registrableDomain, resolveHref } from '@quento/url';
import {
  type AnalystToolkit,
  type FetchedPage,
  type PageAnalysis,
  type SocialProfile,
  verifyByFetching,
} from '../../ai/index.ts';

export interface AnalystToolkitOptions {
  /** ALLOW_PRIVATE_NETWORKS: lifts the SSRF address check (tests, self-hosting). */
  allowPrivate: boolean;
  /** FETCH_ALLOW_ORIGINS: origins allowed although private; every other private one is refused. */
  allowOrigins?: string[];
  /** DNS_SERVERS' resolver; the system's when unset. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Pages the SEO analyzer tool crawls per site. */
  maxPages?: number;
  requestTimeoutMs?: number;
}

const TEXT_LIMIT = 12_000;
const LINK_LIMIT = 60;

const SOCIAL_HOSTS: Record<string, string> = {
  'facebook.com': 'facebook',
  'instagram.com': 'instagram',
  'twitter.com': 'x',
  'x.com': 'x',
  'linkedin.com': 'linkedin',
  'tiktok.com': 'tiktok',
  'youtube.com': 'youtube',
  'pinterest.com': 'pinterest',
};

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Title, visible text and links of an HTML page (enough for the agent; not a full parser). */
export function readHtml(html: string, baseUrl: string): Omit<FetchedPage, 'url'> {
  const title = decodeEntities(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').trim();
  const body = html
    .replace(/<(script|style|noscript|template)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const text = decodeEntities(body.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, TEXT_LIMIT);
  const links: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref\s*=\s*["']([^"']+)["']/gi)) {
    const abs = resolveHref(decodeEntities(m[1] ?? ''), baseUrl, { dropFragment: true });
    if (abs && !links.includes(abs)) links.push(abs);
    if (links.length >= LINK_LIMIT) break;
  }
  return { title, text, links };
}

/**
 * The analyst agent's tools on top of the analyzer package. Every URL, including competitors a
 * model suggested, passes the analyzer's SSRF guard (after DNS resolution and on every redirect);
 * every tool only reads.
 */
export function createAnalystToolkit(options: AnalystToolkitOptions): AnalystToolkit {
  const policy = {
    allowPrivate: options.allowPrivate,
    allowOrigins: options.allowOrigins,
    resolve: options.resolve,
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;

  const fetchPage: AnalystToolkit['fetchPage'] = async (url, signal) => {
    await assertPublicUrl(url, policy);
    const fetcher = new Fetcher({
      policy,
      userAgent: DEFAULT_USER_AGENT,
      requestTimeoutMs,
      maxBytes: 2_000_000,
      maxRedirects: 5,
      ...(signal ? { signal } : {}),
    });
    try {
      const res = await fetcher.fetch(url);
      if (res.error) throw new Error(`${res.error.code}: ${res.error.message}`);
      if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
      return { url: res.finalUrl, ...readHtml(res.body ?? '', res.finalUrl) };
    } finally {
      await fetcher.close();
    }
  };

  const analyze: AnalystToolkit['analyze'] = async (url, signal) => {
    await assertPublicUrl(url, policy);
    const report: AnalysisReport = await analyzeSite({
      url,
      maxPages: options.maxPages ?? 5,
      allowPrivate: options.allowPrivate,
      allowOrigins: options.allowOrigins,
      ...(options.resolve ? { resolve: options.resolve } : {}),
      requestTimeoutMs,
      timeBudgetMs: 60_000,
      ...(signal ? { signal } : {}),
    });
    const scores = report.scores as unknown as Record<string, number | null | undefined>;
    const result: PageAnalysis = {
      url: report.finalUrl,
      overallScore: scores.overall ?? null,
      scores: Object.fromEntries(
        Object.entries(scores)
          .filter(([k]) => k !== 'overall')
          .map(([k, v]) => [k, v ?? null]),
      ),
      findings: collectFindings(report).map((f) => ({
        audit_id: f.audit_id,
        title: f.title,
        severity: f.severity,
        category: f.category,
      })),
    };
    return result;
  };

  const socialProfiles: AnalystToolkit['socialProfiles'] = async (url, signal) => {
    const page = await fetchPage(url, signal);
    const found: SocialProfile[] = [];
    for (const link of page.links) {
      // m.facebook.com and de-de.facebook.com are Facebook too: compare registrable domains.
      const network = SOCIAL_HOSTS[registrableDomain(link) ?? ''];
      if (!network || found.some((p) => p.url === link)) continue;
      const handle = new URL(link).pathname.split('/').filter(Boolean)[0];
      found.push({ network, url: link, ...(handle ? { handle } : {}) });
    }
    return found;
  };

  return { fetchPage, analyze, socialProfiles, verifyCompetitor: verifyByFetching(fetchPage) };
}

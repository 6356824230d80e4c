import { isSameSite } from '@quento/url';
import { load } from 'cheerio/slim';
import type { SitemapArtifact, TextResource } from '../artifacts/types.ts';
import type { Fetcher } from '../net/fetcher.ts';

const MAX_SITEMAPS = 10;
const MAX_SITEMAP_URLS = 10_000;

/** Fetches a site-level text file (robots.txt, llms.txt). */
export async function fetchText(fetcher: Fetcher, url: string): Promise<TextResource> {
  const r = await fetcher.fetch(url, 'text/plain,text/markdown,*/*;q=0.5');
  return {
    url,
    status: r.status,
    body: r.status >= 200 && r.status < 300 ? r.body : null,
    ...(r.error ? { error: r.error.message } : {}),
  };
}

/** Parses one sitemap document (urlset or sitemapindex). */
export function parseSitemap(url: string, status: number, xml: string | null): SitemapArtifact {
  if (xml === null) return { url, status, kind: 'unreachable', urls: [], error: `HTTP ${status}` };
  const trimmed = xml.trimStart();
  if (!trimmed.startsWith('<')) return { url, status, kind: 'invalid', urls: [], error: 'Not XML' };
  const $ = load(xml, { xml: true });
  const locs = (selector: string) =>
    $(selector)
      .toArray()
      .map((el) => $(el).text().trim())
      .filter(Boolean);
  if ($('urlset').length > 0)
    return { url, status, kind: 'urlset', urls: locs('urlset > url > loc') };
  if ($('sitemapindex').length > 0) {
    return { url, status, kind: 'index', urls: locs('sitemapindex > sitemap > loc') };
  }
  return { url, status, kind: 'invalid', urls: [], error: 'No <urlset> or <sitemapindex> root' };
}

/**
 * Reads the sitemaps named in robots.txt (or /sitemap.xml when none is named), following sitemap
 * indexes breadth-first, bounded in count. Sitemaps on other hosts are ignored.
 */
export async function fetchSitemaps(
  fetcher: Fetcher,
  homeUrl: string,
  fromRobots: string[],
): Promise<SitemapArtifact[]> {
  const queue = fromRobots.length > 0 ? [...fromRobots] : [new URL('/sitemap.xml', homeUrl).href];
  const seen = new Set<string>();
  const out: SitemapArtifact[] = [];
  let urlCount = 0;
  while (queue.length > 0 && out.length < MAX_SITEMAPS) {
    const url = queue.shift() as string;
    if (seen.has(url) || !isSameSite(url, homeUrl)) continue;
    seen.add(url);
    const r = await fetcher.fetch(url, 'application/xml,text/xml,*/*;q=0.5');
    const ok = r.status >= 200 && r.status < 300 && r.body !== null;
    const sm = parseSitemap(url, r.status, ok ? r.body : null);
    if (r.error) sm.error = r.error.message;
    if (sm.kind === 'urlset') {
      sm.urls = sm.urls.slice(0, Math.max(0, MAX_SITEMAP_URLS - urlCount));
      urlCount += sm.urls.length;
    }
    if (sm.kind === 'index') queue.push(...sm.urls);
    out.push(sm);
  }
  return out;
}

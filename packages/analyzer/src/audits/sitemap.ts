import { fetchedOutcome } from '../computed/link-graph.ts';
import type { AuditItem, SiteAudit } from './audit.ts';

/** Quento `sitemap`: a valid sitemap exists and the URLs it lists work. */
export const sitemap: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'sitemap',
    title: 'Sitemap is valid',
    failureTitle: 'Sitemap is missing, invalid or lists failing URLs',
    description:
      'A sitemap lists your pages so search engines find all of them quickly. A missing, broken or outdated one slows down how fast new pages appear in search.',
    fixHint:
      'Publish /sitemap.xml listing every live page (most site builders generate one), reference it in robots.txt, and remove dead URLs.',
    requiredArtifacts: ['sitemaps', 'fetched'],
  },
  audit(site) {
    const valid = site.sitemaps.filter((s) => s.kind === 'urlset' || s.kind === 'index');
    if (valid.length === 0) {
      const items = site.sitemaps.map((s) => ({
        url: s.url,
        status: s.status,
        problem: s.error ?? s.kind,
      }));
      return {
        score: 0,
        items,
        explanation: site.sitemaps.some((s) => s.kind === 'invalid')
          ? 'The sitemap is not valid XML sitemap.'
          : 'The site has no sitemap.',
        evidence: { sitemaps: 0 },
      };
    }
    const items: AuditItem[] = [];
    for (const s of site.sitemaps) {
      if (s.kind === 'invalid' || s.kind === 'unreachable') {
        items.push({ url: s.url, status: s.status, problem: `sitemap ${s.kind}` });
      }
    }
    let checked = 0;
    for (const s of site.sitemaps) {
      if (s.kind !== 'urlset') continue;
      for (const url of s.urls) {
        const outcome = fetchedOutcome(site, url);
        if (!outcome) continue;
        checked++;
        if (outcome.status === 0 || outcome.status >= 400) {
          items.push({ url, status: outcome.status, problem: outcome.error ?? 'listed URL fails' });
        }
      }
    }
    const listed = site.sitemaps.reduce((n, s) => n + (s.kind === 'urlset' ? s.urls.length : 0), 0);
    const evidence = { sitemaps: valid.length, listedUrls: listed, checkedUrls: checked };
    if (items.length === 0) return { score: 1, evidence };
    return {
      score: 0,
      items,
      explanation: `The sitemap has ${items.length} problem${items.length === 1 ? '' : 's'}, such as URLs that fail.`,
      evidence: { ...evidence, problems: items.length },
    };
  },
};

import { normalizeUrl } from '@quento/url';
import { linkGraph } from '../computed/link-graph.ts';
import type { SiteAudit } from './audit.ts';

/** Quento `orphan-pages`: every page in the sitemap is linked from some crawled page. */
export const orphanPages: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'orphan-pages',
    title: 'Every sitemap page is linked from the site',
    failureTitle: 'Some sitemap pages are not linked from anywhere',
    description:
      'Pages nothing links to are hard for visitors to find and search engines treat them as unimportant.',
    fixHint: 'Link each listed page from a relevant page or menu, or remove it from the sitemap.',
    requiredArtifacts: ['sitemaps', 'pages.anchors'],
  },
  audit(site) {
    const listed = new Set(
      site.sitemaps.flatMap((s) => (s.kind === 'urlset' ? s.urls : [])).map((u) => normalizeUrl(u)),
    );
    listed.delete(null);
    if (listed.size === 0) return { score: null, explanation: 'Not applicable: no sitemap URLs.' };
    const { inbound } = linkGraph(site);
    // A link to a URL that redirects to the listed page also reaches it.
    const reached = new Set(inbound.keys());
    for (const key of inbound.keys()) {
      const final = site.fetched[key]?.finalUrl;
      const n = final ? normalizeUrl(final) : null;
      if (n) reached.add(n);
    }
    const home = normalizeUrl(site.homeUrl);
    const start = normalizeUrl(site.startUrl);
    // Listed URLs that fail are the sitemap audit's finding, not orphans.
    const works = (u: string) => {
      const f = site.fetched[u];
      return !f || (f.status > 0 && f.status < 400);
    };
    const items = [...listed]
      .filter(
        (u): u is string => u !== null && u !== home && u !== start && !reached.has(u) && works(u),
      )
      .sort()
      .map((url) => ({ url }));
    if (items.length === 0) return { score: 1, evidence: { sitemapUrls: listed.size } };
    return {
      score: 0,
      items,
      explanation: `${items.length} page${items.length === 1 ? ' in the sitemap is' : 's in the sitemap are'} not linked from any crawled page.`,
      evidence: { sitemapUrls: listed.size, orphans: items.length },
    };
  },
};

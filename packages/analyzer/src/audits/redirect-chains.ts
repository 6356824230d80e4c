import { normalizeUrl } from '@quento/url';
import { linkGraph } from '../computed/link-graph.ts';
import type { AuditItem, SiteAudit } from './audit.ts';

/** Quento `redirect-chains`: no URL of the site takes two or more redirects to resolve. */
export const redirectChains: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'redirect-chains',
    title: 'No redirect chains',
    failureTitle: 'URLs go through redirect chains',
    description:
      'Each extra redirect makes visitors wait and can make search engines give up before reaching the page.',
    fixHint: 'Point links and redirects straight at the final URL, in one hop.',
    requiredArtifacts: ['fetched', 'startUrl'],
  },
  audit(site) {
    const { inbound } = linkGraph(site);
    const start = normalizeUrl(site.startUrl);
    const items: AuditItem[] = [];
    for (const [url, outcome] of Object.entries(site.fetched)) {
      if (outcome.redirects.length < 2) continue;
      if (url !== start && !inbound.has(url)) continue; // only URLs people actually reach
      items.push({
        url,
        hops: outcome.redirects.length,
        chain: [...outcome.redirects.map((h) => `${h.url} (${h.status})`), outcome.finalUrl].join(
          ' -> ',
        ),
      });
    }
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      explanation: `${items.length} URL${items.length === 1 ? ' goes' : 's go'} through two or more redirects.`,
      evidence: { chains: items.length, longest: Math.max(...items.map((i) => Number(i.hops))) },
    };
  },
};

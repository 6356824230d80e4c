import { linkGraph } from '../computed/link-graph.ts';
import type { AuditItem, SiteAudit } from './audit.ts';

/** Quento `broken-links`: internal links lead to pages that answer. */
export const brokenLinks: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'broken-links',
    title: 'No broken internal links',
    failureTitle: 'Internal links are broken',
    description:
      'Links to missing or failing pages frustrate visitors and waste the attention search engines give your site.',
    fixHint: 'Update or remove each broken link, or redirect the dead URL to a live page.',
    requiredArtifacts: ['pages.anchors', 'fetched'],
  },
  audit(site) {
    const { inbound } = linkGraph(site);
    const items: AuditItem[] = [];
    let checked = 0;
    for (const [target, sources] of inbound) {
      const outcome = site.fetched[target];
      if (!outcome) continue;
      checked++;
      if (outcome.status >= 400 || outcome.status === 0) {
        for (const source of [...sources].sort()) {
          items.push({ url: target, source, status: outcome.status, error: outcome.error ?? null });
        }
      }
    }
    if (checked === 0)
      return { score: null, explanation: 'Not applicable: no internal links were checked.' };
    const broken = new Set(items.map((i) => i.url)).size;
    if (broken === 0) return { score: 1, evidence: { linksChecked: checked } };
    return {
      score: 0,
      items,
      displayValue: `${broken} broken`,
      explanation: `${broken} internal link target${broken === 1 ? ' is' : 's are'} broken.`,
      evidence: { linksChecked: checked, brokenTargets: broken },
    };
  },
};

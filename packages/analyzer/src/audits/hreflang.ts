import { hreflangProblem } from '../computed/hreflang-code.ts';
import type { AuditItem, PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

function isAbsolute(href: string): boolean {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Lighthouse `hreflang`: alternate-language links in the head or the `Link` header use valid codes
 * and absolute URLs. Links in the body are ignored, as search engines ignore them.
 */
export const hreflang: PageAudit = {
  scope: 'page',
  meta: {
    id: 'hreflang',
    title: 'Document has a valid `hreflang`',
    failureTitle: 'Document does not have a valid `hreflang`',
    description:
      'hreflang links tell search engines which language version of a page to show to whom. Invalid ones are ignored, so customers may land on the wrong language.',
    fixHint:
      'Use valid language codes (en, en-GB, x-default) and absolute URLs, in the head or the Link header.',
    requiredArtifacts: ['links'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const alternates = page.links.filter(
      (l) => l.rel.split(/\s+/).includes('alternate') && l.hreflang !== '' && l.source !== 'body',
    );
    if (alternates.length === 0) {
      return {
        score: null,
        explanation: 'Not applicable: the page declares no language versions.',
      };
    }
    const items: AuditItem[] = [];
    for (const l of alternates) {
      const reasons: string[] = [];
      const problem = hreflangProblem(l.hreflang);
      if (problem) reasons.push(`Unexpected language code (${problem})`);
      if (!isAbsolute(l.href)) reasons.push('Relative href value');
      if (reasons.length > 0) {
        items.push({
          hreflang: l.hreflang,
          href: l.href,
          source: l.source,
          reason: reasons.join('; '),
        });
      }
    }
    if (items.length === 0) return { score: 1, evidence: { alternates: alternates.length } };
    return {
      score: 0,
      items,
      explanation: `${items.length} hreflang link${items.length === 1 ? ' is' : 's are'} invalid.`,
      evidence: { alternates: alternates.length, invalid: items.length },
    };
  },
};

import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Quento `mixed-content`: an HTTPS page loads nothing over plain HTTP. */
export const mixedContent: PageAudit = {
  scope: 'page',
  meta: {
    id: 'mixed-content',
    title: 'No insecure (HTTP) resources on a secure page',
    failureTitle: 'Secure page loads insecure (HTTP) resources',
    description:
      'A secure page that loads images or scripts over plain HTTP shows browser warnings or broken parts, and erodes visitors’ trust.',
    fixHint: 'Change the listed resource URLs to https:// (or remove them).',
    requiredArtifacts: ['subresources', 'url'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    if (!page.url.startsWith('https:')) {
      return {
        score: null,
        explanation: 'Not applicable: the page itself is not served over HTTPS.',
      };
    }
    const items = page.subresources
      .filter((s) => s.url.startsWith('http:'))
      .map((s) => ({ url: s.url, tag: s.tag }));
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      explanation: `${items.length} resource${items.length === 1 ? ' is' : 's are'} loaded over insecure HTTP.`,
      evidence: { insecureResources: items.length },
    };
  },
};

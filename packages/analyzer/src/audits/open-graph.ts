import type { PageAudit } from './audit.ts';
import { metaContent, NO_DOCUMENT } from './audit.ts';

export const OPEN_GRAPH_REQUIRED = ['og:title', 'og:type', 'og:image', 'og:url'] as const;

/** Quento `open-graph`: the four required Open Graph properties (ogp.me) are set. */
export const openGraph: PageAudit = {
  scope: 'page',
  meta: {
    id: 'open-graph',
    title: 'Page has Open Graph metadata',
    failureTitle: 'Page lacks Open Graph metadata',
    description:
      'Open Graph tags decide how the page looks when shared on Facebook, LinkedIn, WhatsApp and others: without them the preview may have no picture or the wrong title.',
    fixHint:
      'Add og:title, og:type, og:image and og:url meta tags (most site builders have an SEO/social setting for this).',
    requiredArtifacts: ['metas'],
  },
  audit(page) {
    if (!page.isHtml || page.status >= 400) return NO_DOCUMENT;
    const missing = OPEN_GRAPH_REQUIRED.filter((p) => !metaContent(page, p)?.trim());
    const score = (OPEN_GRAPH_REQUIRED.length - missing.length) / OPEN_GRAPH_REQUIRED.length;
    const evidence = { missing: missing.join(', ') || null, present: 4 - missing.length };
    if (missing.length === 0) return { score: 1, evidence };
    return {
      score,
      items: missing.map((property) => ({ property })),
      explanation: `Missing Open Graph tags: ${missing.join(', ')}.`,
      evidence,
    };
  },
};

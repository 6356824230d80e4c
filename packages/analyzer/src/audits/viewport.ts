import type { PageAudit } from './audit.ts';
import { metaContent, NO_DOCUMENT } from './audit.ts';

/** Lighthouse `viewport`: a viewport meta tag with width or initial-scale. */
export const viewport: PageAudit = {
  scope: 'page',
  meta: {
    id: 'viewport',
    title: 'Has a `<meta name="viewport">` tag with `width` or `initial-scale`',
    failureTitle: 'Does not have a `<meta name="viewport">` tag with `width` or `initial-scale`',
    description:
      'Most of your visitors use a phone. Without a viewport tag the page is shown zoomed out and tiny on mobile, and search engines rank it lower for mobile searches.',
    fixHint:
      'Add <meta name="viewport" content="width=device-width, initial-scale=1"> to the head.',
    requiredArtifacts: ['metas'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const content = metaContent(page, 'viewport');
    if (content === null) return { score: 0, explanation: 'The page has no viewport meta tag.' };
    if (!/(^|[,;\s])(width|initial-scale)\s*=/i.test(content)) {
      return {
        score: 0,
        explanation: 'The viewport meta tag sets neither width nor initial-scale.',
        items: [{ content }],
      };
    }
    return { score: 1, evidence: { content } };
  },
};

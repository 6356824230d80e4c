import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Lighthouse `meta-description`: a meta description exists and is not empty. */
export const metaDescription: PageAudit = {
  scope: 'page',
  meta: {
    id: 'meta-description',
    title: 'Document has a meta description',
    failureTitle: 'Document does not have a meta description',
    description:
      'The meta description is the short summary search engines often show under the title. A good one makes people click through to you rather than a competitor.',
    fixHint:
      'Add <meta name="description" content="..."> with one or two sentences that sell the page.',
    requiredArtifacts: ['metas'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const meta = page.metas.find((m) => m.name === 'description');
    if (!meta) return { score: 0, explanation: 'The page has no meta description.' };
    if (meta.content.trim() === '') {
      return { score: 0, explanation: 'The meta description is empty.', items: [{ content: '' }] };
    }
    return { score: 1, evidence: { length: meta.content.trim().length } };
  },
};

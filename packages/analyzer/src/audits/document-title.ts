import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Lighthouse `document-title`: the document has a non-empty <title>. */
export const documentTitle: PageAudit = {
  scope: 'page',
  meta: {
    id: 'document-title',
    title: 'Document has a `<title>` element',
    failureTitle: 'Document does not have a `<title>` element',
    description:
      'The title is the headline search engines show for the page and the name of the browser tab. Without one, people cannot tell what the page is about from the search results.',
    fixHint: 'Add a short, unique <title> to the page head that names the page and the business.',
    requiredArtifacts: ['titles'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const title = page.titles[0];
    if (title === undefined) {
      return { score: 0, explanation: 'The page has no <title> element.' };
    }
    if (title.trim() === '') {
      return { score: 0, explanation: 'The page title is empty.', items: [{ title }] };
    }
    return { score: 1, items: [{ title }], evidence: { title, length: title.length } };
  },
};

import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Lighthouse (axe) `image-alt`: every <img> has an alt attribute, unless marked decorative. */
export const imageAlt: PageAudit = {
  scope: 'page',
  meta: {
    id: 'image-alt',
    title: 'Image elements have `[alt]` attributes',
    failureTitle: 'Image elements do not have `[alt]` attributes',
    description:
      'Alt text describes an image to people using screen readers and to search engines, which cannot see pictures. Missing alt text loses both customers and image-search traffic.',
    fixHint:
      'Add alt="..." describing each meaningful image; use alt="" for purely decorative ones.',
    requiredArtifacts: ['images'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const relevant = page.images.filter((i) => i.role !== 'presentation' && i.role !== 'none');
    if (relevant.length === 0) {
      return { score: null, explanation: 'Not applicable: the page has no images.' };
    }
    const items = relevant.filter((i) => i.alt === null).map((i) => ({ src: i.src }));
    if (items.length === 0) return { score: 1, evidence: { images: relevant.length } };
    return {
      score: 0,
      items,
      displayValue: `${items.length} of ${relevant.length} images`,
      explanation: `${items.length} of ${relevant.length} images have no alt text.`,
      evidence: { images: relevant.length, missingAlt: items.length },
    };
  },
};

import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/**
 * Quento `image-size`: images declare their width and height, so the page does not jump around
 * while they load (layout shift). Audits never fetch, so byte sizes of images are not judged here.
 */
export const imageSize: PageAudit = {
  scope: 'page',
  meta: {
    id: 'image-size',
    title: 'Images have explicit width and height',
    failureTitle: 'Images do not have explicit width and height',
    description:
      'When images have no size set, the page jumps as they load and visitors click the wrong thing; search engines measure this "layout shift".',
    fixHint: 'Set width and height attributes on every <img> (or an aspect-ratio in CSS).',
    requiredArtifacts: ['images'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    if (page.images.length === 0) {
      return { score: null, explanation: 'Not applicable: the page has no images.' };
    }
    const items = page.images
      .filter((i) => !i.width || !i.height)
      .map((i) => ({ src: i.src, width: i.width, height: i.height }));
    const score = (page.images.length - items.length) / page.images.length;
    const evidence = { images: page.images.length, unsized: items.length };
    if (items.length === 0) return { score: 1, evidence };
    return {
      score: Math.round(score * 100) / 100,
      items,
      displayValue: `${items.length} of ${page.images.length} images`,
      explanation: `${items.length} of ${page.images.length} images have no width and height.`,
      evidence,
    };
  },
};

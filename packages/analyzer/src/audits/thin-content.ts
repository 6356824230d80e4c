import { wordCount } from '../computed/words.ts';
import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

export const THIN_CONTENT_MIN_WORDS = 200;

/** Quento `thin-content`: at least 200 words of visible body text. */
export const thinContent: PageAudit = {
  scope: 'page',
  meta: {
    id: 'thin-content',
    title: 'Page has enough text content',
    failureTitle: 'Page has thin content',
    description:
      'Pages with very little text give search engines little to rank and visitors little reason to stay or buy.',
    fixHint: `Write at least ${THIN_CONTENT_MIN_WORDS} words that answer what customers ask: what you offer, for whom, where, at what price.`,
    requiredArtifacts: ['bodyText'],
  },
  audit(page) {
    if (!page.isHtml || page.status >= 400) return NO_DOCUMENT;
    const words = wordCount(page);
    const evidence = { words, threshold: THIN_CONTENT_MIN_WORDS };
    if (words >= THIN_CONTENT_MIN_WORDS)
      return { score: 1, displayValue: `${words} words`, evidence };
    return {
      score: 0,
      displayValue: `${words} words`,
      items: [{ url: page.url, words }],
      explanation: `The page has only ${words} words of visible text (at least ${THIN_CONTENT_MIN_WORDS} recommended).`,
      evidence,
    };
  },
};

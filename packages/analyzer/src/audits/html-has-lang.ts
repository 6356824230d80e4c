import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Lighthouse (axe) `html-has-lang`: the <html> element has a lang attribute. */
export const htmlHasLang: PageAudit = {
  scope: 'page',
  meta: {
    id: 'html-has-lang',
    title: '`<html>` element has a `[lang]` attribute',
    failureTitle: '`<html>` element does not have a `[lang]` attribute',
    description:
      'The page language lets screen readers pronounce it correctly and helps search engines show it to people searching in that language.',
    fixHint: 'Add the language to the html tag: <html lang="en">.',
    requiredArtifacts: ['lang'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    if (!page.lang) return { score: 0, explanation: 'The page does not declare its language.' };
    return { score: 1, evidence: { lang: page.lang } };
  },
};

import { primaryLanguage } from '../computed/language.ts';
import { VAGUE_LINK_TEXTS } from '../lists/vague-link-texts.ts';
import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

const ALL_LANGUAGES = Object.values(VAGUE_LINK_TEXTS);

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.,;:!?…»«>→]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Vague in the link's own language (its `lang`, or an ancestor's); a link whose language is
 * unknown or mixed is checked against every language, as Lighthouse does.
 */
function isVague(text: string, lang: string | null): boolean {
  const phrase = normalise(text);
  if (phrase === '') return false;
  if (!lang) return ALL_LANGUAGES.some((list) => list.has(phrase));
  return VAGUE_LINK_TEXTS[primaryLanguage(lang)]?.has(phrase) ?? false;
}

/** Lighthouse `link-text`: links have descriptive text in the language they are written in. */
export const linkText: PageAudit = {
  scope: 'page',
  meta: {
    id: 'link-text',
    title: 'Links have descriptive text',
    failureTitle: 'Links do not have descriptive text',
    description:
      'Link text like "click here" tells neither visitors nor search engines where a link goes. Descriptive links help people find their way and help your pages rank for those words.',
    fixHint:
      'Replace vague link text with words that say what is behind the link ("See our menu").',
    requiredArtifacts: ['anchors'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const pageNoHash = page.url.split('#')[0];
    const items = page.anchors
      .filter((a) => {
        if (a.rawHref === null || a.href === null) return false; // javascript:, mailto:, tel:...
        if (a.rel.split(/\s+/).includes('nofollow')) return false;
        // Same-page links (Lighthouse: equal to the page URL once fragments are excluded).
        if (a.href.split('#')[0] === pageNoHash) return false;
        return isVague(a.text, a.lang);
      })
      .map((a) => ({ href: a.href, text: a.text, textLang: a.lang }));
    const counted = page.anchors.filter((a) => a.href !== null).length;
    if (counted === 0)
      return { score: null, explanation: 'Not applicable: the page has no links.' };
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      displayValue: `${items.length} link${items.length === 1 ? '' : 's'} found`,
      explanation: `${items.length} link${items.length === 1 ? ' has' : 's have'} vague text such as "${items[0]?.text}".`,
      evidence: { vagueLinks: items.length, language: page.lang },
    };
  },
};

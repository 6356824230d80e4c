import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

// Vague link texts per language, after Lighthouse's `link-text` blocklist.
const VAGUE: Record<string, readonly string[]> = {
  en: [
    'click here',
    'click this',
    'go',
    'here',
    'information',
    'learn more',
    'more',
    'more info',
    'more information',
    'right here',
    'read more',
    'see more',
    'start',
    'this',
    'link',
    'continue',
  ],
  es: [
    'click aquí',
    'haga clic aquí',
    'aquí',
    'más',
    'más información',
    'leer más',
    'ver más',
    'información',
    'comenzar',
    'ir',
    'esto',
  ],
  fr: [
    'cliquez ici',
    'cliquez',
    'ici',
    'plus',
    "plus d'infos",
    "plus d'informations",
    'en savoir plus',
    'lire la suite',
    'voir plus',
    'commencer',
    'ceci',
  ],
  de: [
    'hier klicken',
    'klicken sie hier',
    'hier',
    'mehr',
    'mehr infos',
    'mehr informationen',
    'weiterlesen',
    'mehr erfahren',
    'starten',
    'los',
    'dies',
  ],
  pt: [
    'clique aqui',
    'aqui',
    'mais',
    'mais informações',
    'saiba mais',
    'leia mais',
    'ver mais',
    'começar',
    'isto',
    'ir',
  ],
  it: [
    'clicca qui',
    'qui',
    'altro',
    'più informazioni',
    'scopri di più',
    'leggi di più',
    'leggi tutto',
    'inizia',
    'questo',
    'vai',
  ],
  nl: [
    'klik hier',
    'hier',
    'meer',
    'meer info',
    'meer informatie',
    'lees meer',
    'bekijk meer',
    'begin',
    'dit',
    'ga',
  ],
};

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.,;:!?…»«>→]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lighthouse `link-text`: links have descriptive text in the page's language. */
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
    requiredArtifacts: ['anchors', 'lang'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const lang = (page.lang ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
    const blocklist = new Set(VAGUE[lang] ?? VAGUE.en);
    const pageNoHash = page.url.split('#')[0];
    const items = page.anchors
      .filter((a) => {
        if (a.rawHref === null || a.href === null) return false; // javascript:, mailto:, tel:...
        if (a.rel.split(/\s+/).includes('nofollow')) return false;
        // Same-page links (Lighthouse: equal to the page URL once fragments are excluded).
        if (a.href.split('#')[0] === pageNoHash) return false;
        return blocklist.has(normalise(a.text));
      })
      .map((a) => ({ href: a.href, text: a.text }));
    const counted = page.anchors.filter((a) => a.href !== null).length;
    if (counted === 0)
      return { score: null, explanation: 'Not applicable: the page has no links.' };
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      displayValue: `${items.length} link${items.length === 1 ? '' : 's'} found`,
      explanation: `${items.length} link${items.length === 1 ? ' has' : 's have'} vague text such as "${items[0]?.text}".`,
      evidence: { vagueLinks: items.length, language: lang },
    };
  },
};

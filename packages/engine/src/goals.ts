import type { PageLike } from '@quento/analyzer/catalogue';
import type { RecommendationCategory } from '@quento/contracts';

/** What the engine knows of the business: its name and goals, in the owner's words. */
export interface BusinessContext {
  name?: string | null;
  goals?: readonly string[];
}

/** Kinds of fix a goal calls for, found by the words the owner used. */
const TOPICS: readonly { words: RegExp; categories: readonly RecommendationCategory[] }[] = [
  {
    words:
      /\b(book(ing)?s?|call(s)?|enquir(y|ies)|inquir(y|ies)|orders?|reservations?|quotes?|leads?|contacts?|sign-?ups?|sales)\b/,
    categories: ['conversion', 'technical'],
  },
  {
    words: /\b(google|search|rank(ing)?|found|seo|visib(le|ility)|organic)\b/,
    categories: ['seo'],
  },
  {
    words: /\b(instagram|facebook|tiktok|linkedin|social|followers?|shares?)\b/,
    categories: ['social'],
  },
  {
    words: /\b(local|nearby|near me|area|town|city|neighbou?rhood|maps?|walk-?ins?|foot traffic)\b/,
    categories: ['local', 'seo'],
  },
  { words: /\b(trust|reviews?|reputation|brand|credib(le|ility))\b/, categories: ['content'] },
];

/** Words that say how much, not what: they never tie a goal to a page. */
const GENERIC = new Set(
  `a an and the of for to in on at by with from our my we us more most get got increase grow
  growth boost higher better best new online website site web page business customers customer
  clients client people visitors traffic sales sell selling revenue year month week per each every
  make makes want wants need needs help first top number lots many much than also into`
    .split(/\s+/)
    .filter(Boolean),
);

/** A crude stem so that "catering", "caterer" and "cater" meet. */
function stem(word: string): string {
  return word.replace(/(ings|ing|ers|er|es|s|ed)$/, '') || word;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9\u00c0-\u024f]+/)
    .filter((w) => w.length > 2);
}

/** The words of a goal that can name a page or an offer ("catering" in "more catering bookings"). */
export function goalKeywords(goal: string): string[] {
  const topic = TOPICS.map((t) => t.words);
  return [
    ...new Set(
      words(goal)
        .filter((w) => !GENERIC.has(w) && !topic.some((re) => re.test(w)))
        .map(stem),
    ),
  ];
}

/** The categories of fix a goal calls for, from the words it uses. */
export function goalCategories(goal: string): RecommendationCategory[] {
  const text = goal.toLowerCase();
  return [...new Set(TOPICS.filter((t) => t.words.test(text)).flatMap((t) => t.categories))];
}

/** What a page is about, as far as the stored report tells: its path, title and main heading. */
function pageWords(page: PageLike): Set<string> {
  let path = page.url;
  try {
    path = decodeURIComponent(new URL(page.url).pathname);
  } catch {
    // keep the raw URL: its words still count
  }
  const texts = [path];
  for (const id of ['document-title', 'h1']) {
    for (const item of page.audits[id]?.items ?? []) {
      if (item && typeof item === 'object') {
        for (const v of Object.values(item)) if (typeof v === 'string') texts.push(v);
      }
    }
  }
  return new Set(texts.flatMap(words).map(stem));
}

/**
 * Which goals each page is tied to: a page whose path, title or heading names a goal's keyword.
 * The home page is tied to none in particular (it serves them all, and weighs more anyway).
 */
export function pagesByGoal(
  pages: readonly PageLike[],
  goals: readonly string[],
): Map<string, Set<string>> {
  const keywords = goals.map((g) => ({ goal: g, keys: goalKeywords(g) }));
  const out = new Map<string, Set<string>>();
  for (const page of pages) {
    if (isHome(page.url)) continue;
    const have = pageWords(page);
    const tied = keywords.filter((k) => k.keys.some((w) => have.has(w))).map((k) => k.goal);
    if (tied.length > 0) out.set(page.url, new Set(tied));
  }
  return out;
}

export function isHome(url: string): boolean {
  try {
    const u = new URL(url);
    return u.pathname === '/' || /^\/(index\.(html?|php))?$/.test(u.pathname);
  } catch {
    return false;
  }
}

/** Pages on a customer's way to getting in touch. */
export function isContactPage(url: string): boolean {
  return /\/(contact|book|booking|bookings|reserve|reservations?|order|quote|enquir[a-z]*)([-_/.]|$)/i.test(
    url,
  );
}

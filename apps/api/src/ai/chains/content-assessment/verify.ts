import type { AssessmentPoint, FirstScreenAnswer } from '@quento/contracts';
import type { AssessmentOutput } from './schema.ts';

/** A page as the chain reads it: the text it was given is the text quotes are checked against. */
export interface AssessedPage {
  url: string;
  title: string;
  /** Title, first heading and the first words of the body: what a visitor sees first. */
  firstScreen: string;
  text: string;
}

// Shorter quotes prove nothing: almost any page contains them.
const MIN_QUOTE_WORDS = 3;

/** Case, spacing, typographic quotes and dashes do not make a quote differ from the page. */
export function normaliseForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The quote appears in the text; "…" or "..." may stand for words left out between parts. */
export function quoteAppears(quote: string, text: string): boolean {
  const haystack = normaliseForQuote(text);
  const parts = normaliseForQuote(quote)
    .replace(/^["']+|["']+$/g, '')
    .split(/\s*(?:\.\.\.|…)\s*/)
    .filter(Boolean);
  const words = parts.join(' ').split(' ').filter(Boolean).length;
  if (parts.length === 0 || words < MIN_QUOTE_WORDS) return false;
  let from = 0;
  for (const part of parts) {
    const at = haystack.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

const sameUrl = (a: string, b: string) =>
  a.trim().replace(/\/+$/, '').toLowerCase() === b.trim().replace(/\/+$/, '').toLowerCase();

export interface VerifiedAssessment {
  first_screen: {
    what: FirstScreenAnswer | null;
    for_whom: FirstScreenAnswer | null;
    where: FirstScreenAnswer | null;
  };
  unproven_claims: AssessmentPoint[];
  audience_gaps: (AssessmentPoint & { audience: string })[];
  returned: number;
  dropped: number;
}

/**
 * Keeps the points whose page is one the model was given and whose quote stands in that page's
 * text (for the first screen: in the home page's first screen). The rest are dropped, counted.
 */
export function verifyAssessment(
  output: AssessmentOutput,
  pages: readonly AssessedPage[],
): VerifiedAssessment {
  let returned = 0;
  let dropped = 0;
  const home = pages[0];
  const check = <P extends AssessmentPoint>(p: P, firstScreen: boolean): P | null => {
    returned++;
    const page = firstScreen ? home : pages.find((x) => sameUrl(x.url, p.page));
    const text = firstScreen ? home?.firstScreen : page?.text;
    if (!page || text === undefined || !sameUrl(page.url, p.page) || !quoteAppears(p.quote, text)) {
      dropped++;
      return null;
    }
    return { ...p, page: page.url, point: p.point.trim(), quote: p.quote.trim() };
  };
  const fs = output.first_screen;
  const result: VerifiedAssessment = {
    first_screen: {
      what: check(fs.what, true),
      for_whom: check(fs.for_whom, true),
      where: check(fs.where, true),
    },
    unproven_claims: output.unproven_claims.map((p) => check(p, false)).filter((p) => p !== null),
    audience_gaps: output.audience_gaps.map((p) => check(p, false)).filter((p) => p !== null),
    returned: 0,
    dropped: 0,
  };
  return { ...result, returned, dropped };
}

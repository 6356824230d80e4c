import { stemmer } from 'stemmer';

/**
 * Word-level matching for the story audits: a phrase the owner wrote ("wedding flowers") is
 * found in the site's text whatever the inflection and word order ("Weddings: flowers for your
 * day"). Words are folded (case, accents), stop words dropped and the rest stemmed (Porter).
 */

const STOP_WORDS = new Set(
  'a an and the for of to in on with your our my at by from or as is are we you us our'.split(' '),
);

/** Lower-case words without accents, in order (stop words kept). */
export function foldedWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Stems of a text's words, in order, stop words left out. */
export function stems(text: string): string[] {
  return foldedWords(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => stemmer(w));
}

/**
 * Occurrences of a phrase's stems within `window` consecutive stems of a text, in any order.
 * `haystack` is a text's stems (from `stems`); returns how many distinct windows hold them all.
 */
export function phraseOccurrences(phrase: string[], haystack: string[], window?: number): number {
  const wanted = [...new Set(phrase)];
  if (wanted.length === 0) return 0;
  const span = window ?? Math.max(6, wanted.length * 3);
  let count = 0;
  let lastEnd = -1;
  for (let i = 0; i < haystack.length; i++) {
    if (!wanted.includes(haystack[i] as string) || i <= lastEnd) continue;
    const seen = new Set<string>();
    let end = i;
    for (let j = i; j < Math.min(haystack.length, i + span); j++) {
      const w = haystack[j] as string;
      if (wanted.includes(w)) {
        seen.add(w);
        end = j;
        if (seen.size === wanted.length) break;
      }
    }
    if (seen.size === wanted.length) {
      count++;
      lastEnd = end;
    }
  }
  return count;
}

/** The phrase's folded words appear in order, as whole words (place names: no stemming). */
export function containsWords(text: string, phrase: string): boolean {
  const want = foldedWords(phrase);
  if (want.length === 0) return false;
  const have = foldedWords(text);
  outer: for (let i = 0; i + want.length <= have.length; i++) {
    for (let j = 0; j < want.length; j++) if (have[i + j] !== want[j]) continue outer;
    return true;
  }
  return false;
}

/** A list in plain words: "a", "a or b", "a, b or c". */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

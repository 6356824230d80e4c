/**
 * Postal addresses compared as a reader would: case, punctuation and the usual abbreviations
 * ("St." / "Street", "Ave" / "Avenue") do not make two addresses different. The comparison key is
 * the street line (number, name and kind of street) plus the postal code when there is one.
 */

const ABBREVIATIONS: Record<string, string> = {
  st: 'street',
  str: 'street',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  blvd: 'boulevard',
  dr: 'drive',
  ln: 'lane',
  ct: 'court',
  pl: 'place',
  sq: 'square',
  hwy: 'highway',
  pkwy: 'parkway',
  ter: 'terrace',
  cres: 'crescent',
  cl: 'close',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
};

const STREET_KINDS =
  'street|road|avenue|boulevard|drive|lane|court|place|square|way|highway|parkway|terrace|crescent|close|row|alley|circle|trail|quay|wharf|walk|hill|green|parade|mews|gardens';

// A number, up to four words, then a kind of street: "12 harbor street", "4b old mill lane".
const STREET = new RegExp(`\\b(\\d{1,6}[a-z]?)\\s+((?:[a-z]+\\s+){0,4}?)(${STREET_KINDS})\\b`, 'g');
// US ZIP codes, UK postcodes, and 4-5 digit codes elsewhere.
const POSTAL = /\b(\d{5}(?:\s\d{4})?|[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2}|\d{4})\b/;

/** Lower case, no accents or punctuation, abbreviations spelt out. */
export function normaliseAddress(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

/** A street address found in a text, with its comparison key. */
export interface StreetAddress {
  /** "12 harbor street". */
  street: string;
  /** The text as written around it (for items), at most 80 characters. */
  display: string;
}

/** Street addresses written in a text. */
export function streetsInText(text: string): StreetAddress[] {
  const norm = normaliseAddress(text);
  const out: StreetAddress[] = [];
  for (const m of norm.matchAll(STREET)) {
    const street = `${m[1]} ${m[2] ?? ''}${m[3]}`.replace(/\s+/g, ' ');
    const after = norm.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
    const postal = after.match(POSTAL)?.[1];
    out.push({ street, display: postal ? `${street}, ${postal}` : street });
  }
  return out;
}

/** The street line of an address the owner told us, or null when it has none we can read. */
export function storyStreet(address: string): string | null {
  return streetsInText(address)[0]?.street ?? null;
}

/** Two addresses agree: same street line, or (without one) the same normalised text. */
export function sameAddress(a: string, b: string): boolean {
  const sa = storyStreet(a);
  const sb = storyStreet(b);
  if (sa && sb) return sa === sb;
  return normaliseAddress(a) === normaliseAddress(b);
}

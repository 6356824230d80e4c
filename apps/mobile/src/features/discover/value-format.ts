import { humanize } from './labels';

type Plain = string | number | boolean | null | undefined;

const ms = (v: Plain) => `${Number(v).toLocaleString()} ms`;
const count = (v: Plain, one: string, many: string) =>
  `${Number(v).toLocaleString()} ${Number(v) === 1 ? one : many}`;

/**
 * What the analyzer's measured keys mean, as phrases. Keys not listed here still read as words
 * ("pages checked: 3"), never as raw keys.
 */
const PHRASES: Record<string, (v: Plain) => string> = {
  words: (v) => count(v, 'word', 'words'),
  threshold: (v) => `at least ${Number(v).toLocaleString()} expected`,
  ttfbMs: (v) => `the server took ${ms(v)} to start answering`,
  thresholdMs: (v) => `the target is under ${ms(v)}`,
  status: (v) => `the server answered with status ${v}`,
  error: (v) => `error: ${humanize(String(v))}`,
  h1Count: (v) => count(v, 'main heading', 'main headings'),
  images: (v) => count(v, 'image', 'images'),
  missingAlt: (v) => `${count(v, 'image', 'images')} without a text description`,
  unsized: (v) => `${count(v, 'image', 'images')} without a width and height`,
  vagueLinks: (v) => count(v, 'vague link text', 'vague link texts'),
  linksChecked: (v) => `${count(v, 'link', 'links')} checked`,
  brokenTargets: (v) => count(v, 'broken link', 'broken links'),
  uncrawlableLinks: (v) =>
    count(v, 'link search engines cannot follow', 'links search engines cannot follow'),
  insecureResources: (v) => count(v, 'file loaded without HTTPS', 'files loaded without HTTPS'),
  sitemapUrls: (v) => `${count(v, 'address', 'addresses')} in the sitemap`,
  orphans: (v) => count(v, 'page nothing links to', 'pages nothing links to'),
  chains: (v) => count(v, 'redirect chain', 'redirect chains'),
  longest: (v) => `the longest takes ${count(v, 'hop', 'hops')}`,
  hops: (v) => count(v, 'redirect', 'redirects'),
  pagesChecked: (v) => `${count(v, 'page', 'pages')} checked`,
  item_count: (v) => count(v, 'problem found', 'problems found'),
  score: (v) => `scored ${Math.round(Number(v) * 100)} out of 100`,
  length: (v) => count(v, 'character', 'characters'),
  title: (v) => `title “${v}”`,
  content: (v) => (v === '' ? 'the text is empty' : `text “${v}”`),
  lang: (v) => (v ? `language “${v}”` : 'no language set'),
  language: (v) => `language “${v}”`,
  alternates: (v) => count(v, 'language version', 'language versions'),
  invalid: (v) => `${Number(v).toLocaleString()} not valid`,
  problems: (v) => count(v, 'problem', 'problems'),
  problem: (v) => String(v),
  types: (v) => `types ${v}`,
  network: (v) => `${v} is missing`,
  source: (v) => `found in ${pathOf(String(v))}`,
  directive: (v) => String(v),
  analytics: (v) => (v ? 'analytics installed' : 'no analytics found'),
  detected: (v) => count(v, 'tool detected', 'tools detected'),
};

/** Keys that say where, not what: they open the sentence. */
const PLACE_KEYS = ['page', 'url'];

/** A URL's path (or the whole value when it is not a URL), for sentences. */
export function pathOf(value: string): string {
  try {
    const u = new URL(value);
    return u.pathname === '/' ? `${u.host} (home page)` : `${u.pathname}${u.search}`;
  } catch {
    return value;
  }
}

/** A single value in words: yes/no, none, grouped digits, paths for URLs. */
export function formatValue(v: Plain): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return v.toLocaleString();
  if (/^https?:\/\//.test(v)) return pathOf(v);
  return v === '' ? '(empty)' : v;
}

function phrase(key: string, v: Plain): string {
  const known = PHRASES[key];
  if (known && v !== undefined) return known(v);
  return `${humanize(key)}: ${formatValue(v)}`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * One measured record as a sentence: `{ page, words: 40, threshold: 250 }` becomes
 * "On /about: 40 words, at least 250 expected."
 */
export function describeRecord(record: Record<string, unknown>): string {
  const place = PLACE_KEYS.map((k) => record[k]).find((v) => typeof v === 'string') as
    | string
    | undefined;
  const parts = Object.entries(record)
    .filter(([k, v]) => !PLACE_KEYS.includes(k) && v !== undefined && isPlain(v))
    .map(([k, v]) => phrase(k, v as Plain));
  if (place && parts.length === 0) return `${capital(pathOf(place))}.`;
  if (place) return `On ${pathOf(place)}: ${parts.join(', ')}.`;
  return parts.length ? `${capital(parts.join(', '))}.` : '';
}

function isPlain(v: unknown): v is Plain {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/**
 * Measured values in plain words: the one formatter behind every place evidence reaches a person
 * (the app's screens and the API's PDF, Markdown, CSV and calendar exports). Pure functions over
 * plain data, so both sides import the same code.
 */

export type Plain = string | number | boolean | null | undefined;

/** `vagueLinks` or `pages_failing` → "vague links", "pages failing". */
export function humanize(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `n` with its noun in the right number: "1 page", "3 pages". */
export function count(n: Plain, one: string, many: string): string {
  const v = Number(n);
  return `${v.toLocaleString('en')} ${v === 1 ? one : many}`;
}

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
  if (typeof v === 'number') return v.toLocaleString('en');
  if (/^https?:\/\//.test(v)) return pathOf(v);
  return v === '' ? '(empty)' : v;
}

/** Check titles and engine text mark code with backticks (`<title>`); people read them without. */
export function plainText(s: string): string {
  return s.replace(/`/g, '');
}

/** Text no longer than `max` characters, cut at a word boundary with an ellipsis, never mid-word. */
export function shortenAtWord(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).replace(/[,;:.\s]+$/, '')}…`;
}

const ms = (v: Plain) => `${Number(v).toLocaleString('en')} ms`;
const quoted = (v: Plain) => `“${formatValue(v)}”`;

/**
 * What the analyzer's measured keys mean, as phrases ('' when the value says nothing). Keys not
 * listed here still read as words ("pages checked: 3"), never as raw keys.
 */
const PHRASES: Record<string, (v: Plain) => string> = {
  words: (v) => count(v, 'word', 'words'),
  threshold: (v) => `at least ${Number(v).toLocaleString('en')} expected`,
  ttfbMs: (v) => `the server took ${ms(v)} to start answering`,
  thresholdMs: (v) => `the target is under ${ms(v)}`,
  status: (v) =>
    Number(v) === 0 ? 'the server did not answer' : `the server answered with status ${v}`,
  error: (v) => (v ? `error: ${humanize(String(v))}` : 'no error reported'),
  h1Count: (v) => count(v, 'main heading', 'main headings'),
  images: (v) => count(v, 'image', 'images'),
  missingAlt: (v) => `${count(v, 'image', 'images')} without a text description`,
  unsized: (v) => `${count(v, 'image', 'images')} without a width and height`,
  vagueLinks: (v) => `${count(v, 'link', 'links')} with vague text`,
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
  chain: (v) => `redirects ${String(v).replace(/ -> /g, ', then ')}`,
  pagesChecked: (v) => `${count(v, 'page', 'pages')} checked`,
  duplicatePages: (v) => `${count(v, 'page shares', 'pages share')} it with another page`,
  groups: (v) => count(v, 'group of duplicates', 'groups of duplicates'),
  // Site audits that list what they found (social profiles) count zero items when they fail.
  item_count: (v) => (Number(v) === 0 ? '' : count(v, 'problem found', 'problems found')),
  score: (v) => `scored ${Math.round(Number(v) * 100)} out of 100`,
  length: (v) => count(v, 'character', 'characters'),
  title: (v) => `title ${quoted(v)}`,
  'meta description': (v) => `description ${quoted(v)}`,
  content: (v) => (v === '' ? 'the text is empty' : `text ${quoted(v)}`),
  lang: (v) => (v ? `language ${quoted(v)}` : 'no language set'),
  language: (v) => (v ? `page language ${quoted(v)}` : 'no page language set'),
  textLang: (v) => (v ? `link language ${quoted(v)}` : 'link language not set'),
  alternates: (v) => count(v, 'language version', 'language versions'),
  invalid: (v) => `${Number(v).toLocaleString('en')} not valid`,
  problems: (v) => count(v, 'problem', 'problems'),
  problem: (v) => (v ? String(v) : 'no problem reported'),
  errors: (v) => count(v, 'error', 'errors'),
  reason: (v) => String(v).toLowerCase(),
  types: (v) => (v ? `types ${v}` : 'no types'),
  blocks: (v) => count(v, 'structured data block', 'structured data blocks'),
  block: (v) => `block ${v}`,
  network: (v) => `${v} is missing`,
  networks: (v) => (v ? `profiles found: ${v}` : 'no social profiles linked'),
  openGraph: (v) => (v ? 'Open Graph tags present' : 'no Open Graph tags'),
  twitterCard: (v) => (v ? 'Twitter card present' : 'no Twitter card'),
  missing: (v) => (v ? `missing ${v}` : 'nothing missing'),
  present: (v) => `${count(v, 'tag', 'tags')} present`,
  property: (v) => `${v} is missing`,
  source: (v) => `found in ${pathOf(String(v))}`,
  href: (v) => `links to ${formatValue(v)}`,
  rawHref: (v) => (v ? `link address ${quoted(v)}` : 'no link address'),
  text: (v) => (v ? `says ${quoted(v)}` : 'no link text'),
  onclick: (v) => (v ? 'opens through a script' : 'no script'),
  listeners: (v) => (v ? `script events ${v}` : 'no script events'),
  src: (v) => `image ${formatValue(v)}`,
  width: (v) => (v === null ? 'no width' : `width ${v}`),
  height: (v) => (v === null ? 'no height' : `height ${v}`),
  tag: (v) => `a ${v} element`,
  hreflang: (v) => `language code ${quoted(v)}`,
  canonical: (v) => `canonical address ${formatValue(v)}`,
  sitemaps: (v) => count(v, 'sitemap', 'sitemaps'),
  listedUrls: (v) => `${count(v, 'address', 'addresses')} listed`,
  checkedUrls: (v) => `${count(v, 'address', 'addresses')} checked`,
  hasTitle: (v) => (v ? 'has a title' : 'no title'),
  links: (v) => count(v, 'link', 'links'),
  directive: (v) => String(v),
  analytics: (v) => (v ? 'analytics installed' : 'no analytics found'),
  detected: (v) => count(v, 'tool detected', 'tools detected'),
};

/** Keys that say where, not what: they open the sentence. */
const PLACE_KEYS = ['page', 'url'];

function phrase(key: string, v: Plain): string {
  const known = PHRASES[key];
  if (known && v !== undefined) return known(v);
  return `${humanize(key)}: ${formatValue(v)}`;
}

export function isPlain(v: unknown): v is Plain {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** The page or URL a record is about, if it names one. */
export function placeOf(record: Record<string, unknown>): string | undefined {
  return PLACE_KEYS.map((k) => record[k]).find((v): v is string => typeof v === 'string');
}

/**
 * One measured record as a sentence: `{ page, words: 40, threshold: 250 }` becomes
 * "On /about: 40 words, at least 250 expected."
 */
export function describeRecord(record: Record<string, unknown>): string {
  const place = placeOf(record);
  const parts = Object.entries(record)
    .filter(([k, v]) => !PLACE_KEYS.includes(k) && v !== undefined && isPlain(v))
    .map(([k, v]) => phrase(k, v as Plain))
    .filter(Boolean);
  if (place && parts.length === 0) return `${capital(pathOf(place))}.`;
  if (place) return `On ${pathOf(place)}: ${parts.join(', ')}.`;
  return parts.length ? `${capital(parts.join(', '))}.` : '';
}

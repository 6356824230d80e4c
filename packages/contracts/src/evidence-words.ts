import type { Evidence } from './strategy.ts';
import {
  capital,
  count,
  describeRecord,
  formatValue,
  humanize,
  isPlain,
  pathOf,
  placeOf,
} from './words.ts';

/** A piece of evidence as a person reads it, in the app and in every export. */
export interface EvidenceView {
  /** What was checked, e.g. "Meta description". */
  check: string;
  /** Where it fails, in one sentence. */
  where: string;
  /** Page paths where it fails. */
  pages: string[];
  /** Measured values and offending items as sentences. */
  facts: string[];
}

type Item = Record<string, unknown>;

const isRecord = (v: unknown): v is Item => !!v && typeof v === 'object' && !Array.isArray(v);

/** Items of one page (or of the site when they name none), in first-seen order. */
function byPage(items: Item[]): Map<string, Item[]> {
  const out = new Map<string, Item[]>();
  for (const item of items) {
    const page = typeof item.page === 'string' ? item.page : '';
    out.set(page, [...(out.get(page) ?? []), item]);
  }
  return out;
}

const onPage = (page: string, sentence: string) =>
  page ? `On ${pathOf(page)}: ${sentence}.` : `${capital(sentence)}.`;

/** A few names, then "and N more", so a long list never runs on or stops mid-word. */
function fewOf(names: string[], shown = 3): string {
  const unique = [...new Set(names)];
  const head = unique.slice(0, shown).join(', ');
  return unique.length > shown ? `${head} and ${unique.length - shown} more` : head;
}

const fileOf = (src: unknown) => {
  const s = typeof src === 'string' ? src : '';
  return pathOf(s).split('/').pop() || s;
};

/**
 * Audits whose items read better summed up than one by one ("2 links say “click here”").
 * Audits not listed here get one sentence per item from `describeRecord`.
 */
const ITEM_SENTENCES: Record<string, (items: Item[]) => string[]> = {
  'link-text': (items) =>
    [...byPage(items)].flatMap(([page, list]) => {
      const texts = new Map<string, number>();
      for (const i of list) {
        const t = String(i.text ?? '').trim();
        texts.set(t, (texts.get(t) ?? 0) + 1);
      }
      return [...texts].map(([t, n]) =>
        onPage(page, `${count(n, 'link says', 'links say')} “${t}”`),
      );
    }),
  'broken-links': (items) =>
    items.map((i) => {
      const target = formatValue(i.url as string);
      const from = typeof i.source === 'string' ? ` on ${pathOf(i.source)}` : '';
      const answer =
        Number(i.status) > 0
          ? `answers with status ${i.status}`
          : `gets no answer${i.error ? ` (${humanize(String(i.error))})` : ''}`;
      return `The link${from} to ${target} ${answer}.`;
    }),
  'image-alt': (items) =>
    [...byPage(items)].map(([page, list]) =>
      onPage(
        page,
        `${count(list.length, 'image has', 'images have')} no text description (${fewOf(list.map((i) => fileOf(i.src)))})`,
      ),
    ),
  'image-size': (items) =>
    [...byPage(items)].map(([page, list]) =>
      onPage(
        page,
        `${count(list.length, 'image has', 'images have')} no width and height set (${fewOf(list.map((i) => fileOf(i.src)))})`,
      ),
    ),
  'redirect-chains': (items) =>
    items.map(
      (i) =>
        `${capital(formatValue(i.url as string))} goes through ${count(i.hops as number, 'redirect', 'redirects')}.`,
    ),
  // Each page's measurement already names every missing tag; the items repeat a few of them.
  'open-graph': () => [],
};

function push(list: string[], line: string) {
  if (line && !list.includes(line)) list.push(line);
}

/**
 * An item says nothing new when it only names a page the evidence lists anyway, or when a
 * measurement of the same page already holds its values.
 */
function coveredBy(e: Evidence, measurements: Item[], item: Item): boolean {
  const place = placeOf(item);
  const onlyPlace = Object.keys(item).every((k) => k === 'page' || k === 'url');
  if (onlyPlace && place && e.pages.includes(place)) return true;
  return measurements.some(
    (m) =>
      placeOf(m) === place &&
      Object.entries(item).every(
        ([k, v]) => k === 'page' || k === 'url' || !isPlain(v) || m[k] === v,
      ),
  );
}

/** One piece of evidence in sentences: no raw keys, no JSON. */
export function describeEvidence(e: Evidence, title?: string): EvidenceView {
  const check = title ?? capital(humanize(e.audit_id));
  const where =
    e.scope === 'site'
      ? 'This is checked once for the whole site.'
      : `Fails on ${e.pages_failing} of ${e.pages_checked} ${e.pages_checked === 1 ? 'page' : 'pages'} checked.`;
  const facts: string[] = [];
  push(facts, describeRecord(e.values));
  const measurements = e.measurements.filter(isRecord);
  for (const m of measurements) push(facts, describeRecord(m));
  const items = e.items.filter(isRecord);
  const summed = ITEM_SENTENCES[e.audit_id];
  if (summed) for (const line of summed(items)) push(facts, line);
  else
    for (const item of items)
      if (!coveredBy(e, measurements, item)) push(facts, describeRecord(item));
  for (const item of e.items)
    if (!isRecord(item) && item !== null && item !== undefined) push(facts, `${String(item)}.`);
  return { check, where, pages: e.pages.map(pathOf), facts };
}

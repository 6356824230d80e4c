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
  plainText,
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
 * An item says nothing new when it only names a page listed anyway, or when a measurement of the
 * same page already holds its values.
 */
function coveredBy(pages: string[], measurements: Item[], item: Item): boolean {
  const place = placeOf(item);
  const onlyPlace = Object.keys(item).every((k) => k === 'page' || k === 'url');
  if (onlyPlace && place && pages.includes(place)) return true;
  return measurements.some(
    (m) =>
      placeOf(m) === place &&
      Object.entries(item).every(
        ([k, v]) => k === 'page' || k === 'url' || !isPlain(v) || m[k] === v,
      ),
  );
}

/**
 * An audit's offending items as sentences ("On /menu: 2 links say “click here”."), leaving out
 * what `pages` and `measurements` already say.
 */
export function describeItems(
  auditId: string,
  items: readonly unknown[],
  context: { pages?: readonly string[]; measurements?: readonly unknown[] } = {},
): string[] {
  const pages = [...(context.pages ?? [])];
  const measurements = (context.measurements ?? []).filter(isRecord);
  const records = items.filter(isRecord);
  const lines: string[] = [];
  const summed = ITEM_SENTENCES[auditId];
  if (summed) for (const line of summed(records)) push(lines, line);
  else
    for (const item of records)
      if (!coveredBy(pages, measurements, item)) push(lines, describeRecord(item));
  for (const item of items)
    if (!isRecord(item) && item !== null && item !== undefined) push(lines, `${String(item)}.`);
  return lines;
}

/** One piece of evidence in sentences: no raw keys, no JSON, no code marks in the check's name. */
export function describeEvidence(e: Evidence, title?: string): EvidenceView {
  const check = plainText(title ?? capital(humanize(e.audit_id)));
  const where =
    e.scope === 'site'
      ? 'This is checked once for the whole site.'
      : `Fails on ${e.pages_failing} of ${e.pages_checked} ${e.pages_checked === 1 ? 'page' : 'pages'} checked.`;
  const facts: string[] = [];
  push(facts, describeRecord(e.values));
  for (const m of e.measurements) if (isRecord(m)) push(facts, describeRecord(m));
  for (const line of describeItems(e.audit_id, e.items, e)) push(facts, line);
  return { check, where, pages: e.pages.map(pathOf), facts };
}

/**
 * Opening hours read from the owner's words ("Mon-Fri 7am-6pm", "Sa 08:00-14:00") and from
 * schema.org (`openingHours` text, `openingHoursSpecification`), into one comparable form: per
 * weekday, the sorted "HH:MM-HH:MM" ranges.
 */

const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Day index 0-6 (Monday first) of a day name or abbreviation, or -1. */
function dayIndex(word: string): number {
  const w = word.toLowerCase().replace(/^https?:\/\/schema\.org\//, '');
  return DAYS.findIndex((d, i) => w.startsWith(d) && DAY_NAMES[i]?.toLowerCase().startsWith(w));
}

/** "7", "7am", "7:30pm", "19:00", "19:00:00", "noon" -> "HH:MM", or null. */
function time(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t === 'noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = t.match(/^(\d{1,2})(?:[:.h](\d{2}))?(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?$/);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  const half = m[3]?.[0];
  if (half === 'p' && h < 12) h += 12;
  if (half === 'a' && h === 12) h = 0;
  if (h > 24 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Per weekday (0 Monday), the ranges open; a day absent is closed or not said. */
export type WeekHours = Map<number, string[]>;

function addRange(week: WeekHours, days: number[], range: string) {
  for (const d of days) {
    const list = week.get(d) ?? [];
    if (!list.includes(range)) list.push(range);
    week.set(d, list.sort());
  }
}

/** Days named in "Mo-Fr", "Tu,Th", "Monday to Friday", "daily". */
function daysOf(text: string): number[] {
  const t = text.toLowerCase().trim();
  if (/^(daily|every ?day|mo-su|7 days)/.test(t)) return [0, 1, 2, 3, 4, 5, 6];
  const out: number[] = [];
  for (const part of t.split(/\s*,\s*|\s+and\s+|\s*&\s*/)) {
    const range = part.split(/\s*(?:-|–|—|to|through|thru)\s*/);
    const from = dayIndex(range[0] ?? '');
    const to = range.length > 1 ? dayIndex(range[1] ?? '') : from;
    if (from < 0 || to < 0) continue;
    for (let d = from; ; d = (d + 1) % 7) {
      out.push(d);
      if (d === to) break;
    }
  }
  return out;
}

/** Reads lines like "Mo-Fr 07:00-18:00" or "Saturday 8am to 2pm"; unreadable lines are skipped. */
export function parseHours(lines: readonly string[]): WeekHours {
  const week: WeekHours = new Map();
  for (const line of lines) {
    const m = line.match(
      /^\s*([a-z,.&\s–—-]+?)\s*:?\s+(\d[\d:.apmh\s]*|noon)\s*(?:-|–|—|to|until)\s*(\d[\d:.apmh\s]*|noon|midnight)\s*$/i,
    );
    if (!m) continue;
    const from = time(m[2] ?? '');
    const to = time(m[3] ?? '');
    const days = daysOf((m[1] ?? '').replace(/\./g, ''));
    if (from && to && days.length > 0) addRange(week, days, `${from}-${to}`);
  }
  return week;
}

/** schema.org `openingHours` (text or list) and `openingHoursSpecification` of a node. */
export function schemaHours(node: Record<string, unknown>): WeekHours | null {
  const week: WeekHours = new Map();
  const text = node.openingHours;
  const lines = typeof text === 'string' ? [text] : Array.isArray(text) ? text : [];
  // One string may hold several "Mo-Fr 09:00-17:00" groups separated by commas or semicolons.
  const groups = lines
    .filter((l): l is string => typeof l === 'string')
    .flatMap((l) => l.split(/\s*;\s*|(?<=\d)\s*,\s*(?=[a-z])/i));
  for (const [d, ranges] of parseHours(groups)) for (const r of ranges) addRange(week, [d], r);
  const specs = node.openingHoursSpecification;
  for (const spec of Array.isArray(specs) ? specs : specs ? [specs] : []) {
    if (!spec || typeof spec !== 'object') continue;
    const s = spec as Record<string, unknown>;
    const from = typeof s.opens === 'string' ? time(s.opens) : null;
    const to = typeof s.closes === 'string' ? time(s.closes) : null;
    const dayList = Array.isArray(s.dayOfWeek) ? s.dayOfWeek : [s.dayOfWeek];
    const days = dayList
      .filter((d): d is string => typeof d === 'string')
      .map(dayIndex)
      .filter((d) => d >= 0);
    if (from && to) addRange(week, days, `${from}-${to}`);
  }
  return lines.length === 0 && !specs ? null : week;
}

/** The same hours on the same days. */
export function sameHours(a: WeekHours, b: WeekHours): boolean {
  if (a.size !== b.size) return false;
  for (const [d, ranges] of a) if (b.get(d)?.join(',') !== ranges.join(',')) return false;
  return true;
}

/** "Monday 07:00-18:00; Saturday 08:00-14:00" (days with the same hours are not merged). */
export function describeHours(week: WeekHours): string {
  return [...week.entries()]
    .sort(([a], [b]) => a - b)
    .map(([d, r]) => `${DAY_NAMES[d]} ${r.join(', ')}`)
    .join('; ');
}

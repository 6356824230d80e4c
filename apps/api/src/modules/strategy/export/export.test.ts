import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { generateStrategy } from '../engine/index.ts';
import { type ExportInput, renderExport } from './index.ts';

const HOME = 'https://bakery.test/';
const MENU = 'https://bakery.test/menu';

const engine = generateStrategy({
  url: HOME,
  pages: [
    {
      url: HOME,
      audits: {
        'document-title': { score: 0, items: [] },
        'link-text': {
          score: 0,
          items: [
            { href: `${HOME}a`, text: 'click here', textLang: 'en' },
            { href: `${HOME}b`, text: 'click here', textLang: 'en' },
          ],
          evidence: { vagueLinks: 2, language: 'en' },
        },
        'server-response-time': {
          score: 0,
          items: [{ url: HOME, ttfbMs: 1400 }],
          evidence: { ttfbMs: 1400, thresholdMs: 600 },
        },
      },
    },
    {
      url: MENU,
      audits: {
        'thin-content': {
          score: 0,
          items: [{ url: MENU, words: 40 }],
          evidence: { words: 40, threshold: 200 },
        },
      },
    },
  ],
  site: {
    audits: {
      'broken-links': {
        score: 0,
        items: [{ url: `${HOME}x`, source: MENU, status: 404, error: null }],
        evidence: { linksChecked: 9, brokenTargets: 1 },
      },
    },
  },
});

const NOTES = ['Ask Sam for the new menu photos', 'Printer quote: £40'];

const input: ExportInput = {
  strategy: {
    id: 's1',
    title: engine.title,
    summary: engine.summary,
    created_at: '2026-11-20T10:00:00.000Z',
    recommendations: engine.recommendations,
  },
  actions: engine.actions.map((a, i) => ({
    id: `a${i}`,
    title: a.title,
    description: a.description,
    category: a.category,
    priority: a.priority,
    impact: a.impact,
    effort: a.effort,
    status: i === 0 ? 'done' : i === 2 ? 'in_progress' : 'pending',
    due_date: i === 1 ? null : `2026-12-0${i + 1}`,
    notes: i === 1 || i === 2 ? NOTES.join('\n') : null,
    completed_at: i === 0 ? '2026-11-25T08:00:00.000Z' : null,
    recommendation_id: a.recommendation_id,
    verification: a.verification,
    verification_status: i === 0 ? 'verified' : 'unverified',
  })),
  analysis: {
    website_url: HOME,
    completed_at: '2026-11-19T09:00:00.000Z',
    scores: { overall: 71, seo: 64, content: 80, performance: 90, social: 40, technical: 82 },
  },
  business_name: 'Rise & Shine, Bakery; "Est. 1999"',
};

/** A key as code spells it: `vagueLinks`, `in_progress`, `ttfbMs`, or an audit id. */
const AUDIT_IDS = [
  ...new Set(engine.recommendations.flatMap((r) => r.evidence.map((e) => e.audit_id))),
];
function expectWords(text: string) {
  expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
  expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  for (const id of AUDIT_IDS) expect(text).not.toContain(id);
}

async function pdfPages(buf: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    let text = '';
    for (const it of content.items) if ('str' in it) text += it.str + (it.hasEOL ? '\n' : '');
    pages.push(text);
  }
  return pages;
}

/** The open actions by priority (then due date, then plan order): what page one must list. */
const open = input.actions.filter((a) => a.status === 'pending' || a.status === 'in_progress');
const RANK = ['critical', 'high', 'medium', 'low'];
const top3 = [...open]
  .map((a, i) => ({ a, i }))
  .sort(
    (x, y) =>
      RANK.indexOf(x.a.priority ?? 'low') - RANK.indexOf(y.a.priority ?? 'low') ||
      (x.a.due_date ?? '9999').localeCompare(y.a.due_date ?? '9999') ||
      x.i - y.i,
  )
  .slice(0, 3)
  .map(({ a }) => a);

describe('strategy exports', () => {
  it('fixture has enough open actions for a top three and one left over', () => {
    expect(open.length).toBeGreaterThan(3);
  });

  it('writes a PDF whose first page carries the scores and the top three actions', async () => {
    const file = await renderExport('pdf', input);
    expect(file.content_type).toBe('application/pdf');
    expect(file.filename).toBe('growth-plan-for-bakery-test.pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(file.body);
    const first = pages[0]!;
    expect(first).toContain('QUENTO GROWTH PLAN');
    expect(first).toContain('Rise & Shine');
    for (const [label, value] of [
      ['Overall', 71],
      ['Search visibility (SEO)', 64],
      ['Speed', 90],
      ['Social presence', 40],
    ] as const) {
      expect(first).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s*${value}`));
    }
    expect(first).toContain('Start here: your top three actions');
    const flat = first.replace(/\s+/g, ' ');
    for (const [i, a] of top3.entries()) expect(flat).toContain(`${i + 1}. ${a.title}`);
    for (const a of input.actions.filter((x) => !top3.includes(x)))
      expect(flat).not.toContain(a.title);
    expect(flat).toContain('Notes: Ask Sam for the new menu photos');
    expectWords(first);
  });

  it('writes names outside Windows-1252 as they are spelled', async () => {
    const file = await renderExport('pdf', { ...input, business_name: 'Piekarnia Łódź — Żurek' });
    expect((await pdfPages(file.body))[0]).toContain('Business: Piekarnia Łódź — Żurek');
  });

  it('writes the rest of the PDF in words, with evidence sentences and notes', async () => {
    const pages = await pdfPages((await renderExport('pdf', input)).body);
    const text = pages.join('\n');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Findings and plan');
    expect(flat).toContain('On bakery.test (home page): 2 links say “click here”.');
    expect(flat).toContain('On /menu: 40 words, at least 200 expected.');
    expect(flat).toContain('The link on /menu to /x answers with status 404.');
    expect(flat).toContain('Action checklist');
    expect(flat).toContain('Printer quote: £40');
    for (const r of engine.recommendations) expect(flat).toContain(r.title);
    expectWords(text);
  });

  it('writes Markdown with scores, the top three, evidence in sentences and notes', async () => {
    const md = (await renderExport('markdown', input)).body.toString();
    expect(md).toMatch(/^# Growth plan for bakery\.test/);
    expect(md).toContain('| Search visibility (SEO) | 64 |');
    const unescaped = (s: string) => s.replace(/\\(.)/g, '$1');
    const start = unescaped(
      md.slice(md.indexOf('## Start here'), md.indexOf('## Recommendations')),
    );
    for (const [i, a] of top3.entries()) expect(start).toContain(`${i + 1}. **${a.title}**`);
    expect(md).toContain('  - On bakery.test (home page): 2 links say “click here”.');
    expect(md).toContain('  - On /menu: 40 words, at least 200 expected.');
    expect(md).toMatch(/- \[x\] .* · Done · Verified/);
    expect(md.match(/^- \[[ x]\]/gm)).toHaveLength(input.actions.length);
    expect(md).toContain('  *Notes:* Ask Sam for the new menu photos  \n  Printer quote: £40');
    expectWords(md.replace(/https?:\/\/\S+/g, ''));
  });

  it('writes CSV headed and filled in words, with notes, formula-looking cells neutralised', async () => {
    const evil = structuredClone(input);
    evil.actions[0]!.title = '=HYPERLINK("http://evil")';
    const file = await renderExport('csv', evil);
    expect(file.content_type).toBe('text/csv; charset=utf-8');
    expect(file.filename).toBe('growth-plan-for-bakery-test-actions.csv');
    const rows = parseCsv(file.body.toString(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(input.actions.length);
    expect(rows[0]!.Action).toBe('\'=HYPERLINK("http://evil")');
    expect(rows[0]).toMatchObject({ Status: 'Done', 'Completed on': '2026-11-25' });
    expect(rows[0]!.Verification).toBe('Verified');
    expect(rows[1]).toMatchObject({ ID: 'a1', Status: 'Not started', 'Due date': '' });
    expect(rows[2]).toMatchObject({ Status: 'In progress', Notes: NOTES.join('\n') });
    // Quoted, so a spreadsheet keeps the note's line break inside its cell.
    expect(file.body.toString()).toContain(`,"${NOTES.join('\n')}",`);
    expect(rows[0]!.Recommendation).toBe(engine.recommendations[0]!.title);
    expect(rows.every((r) => r['Checked by'] !== '')).toBe(true);
    const words = rows.flatMap((r) =>
      Object.entries(r).flatMap(([k, v]) => (k === 'Pages checked' ? [k] : [k, v])),
    );
    expectWords(words.join('\n'));
  });

  it('writes one iCalendar event per action with a due date, described in words', async () => {
    const file = await renderExport('ics', input);
    expect(file.content_type).toBe('text/calendar; charset=utf-8');
    expect(file.filename).toBe('growth-plan-for-bakery-test-actions.ics');
    const text = file.body.toString();
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const dated = input.actions.filter((a) => a.due_date);
    expect(events).toHaveLength(dated.length);
    expect(events.map((e) => e.summary)).toEqual(dated.map((a) => a.title));
    expect(events[0]!.startDate.toString()).toBe('2026-12-01');
    expect(events[0]!.startDate.isDate).toBe(true);
    expect(events[0]!.description).toContain(
      `Pages:\n- ${input.actions[0]!.verification!.pages[0]}`,
    );
    const withNotes = events.find((e) => e.uid === 'a2@quento')!;
    expect(withNotes.description).toContain(`Notes:\n${NOTES.join('\n')}`);
    expect(withNotes.description).toContain('In progress');
    for (const e of events) {
      expectWords(e.description.replace(/https?:\/\/\S+/g, ''));
      expectWords(String(e.component.getFirstPropertyValue('categories')));
    }
  });
});

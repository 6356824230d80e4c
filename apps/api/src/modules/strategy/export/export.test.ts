import { generateStrategy } from '@quento/engine';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { type ExportInput, renderExport } from './index.ts';

const engine = generateStrategy({
  url: 'https://bakery.test/',
  pages: [
    { url: 'https://bakery.test/', audits: { 'document-title': { score: 0, items: [] } } },
    {
      url: 'https://bakery.test/menu',
      audits: { 'thin-content': { score: 0, items: [], evidence: { words: 40, threshold: 200 } } },
    },
  ],
  site: { audits: { 'broken-links': { score: 0, items: [{ url: 'https://bakery.test/x' }] } } },
});

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
    status: i === 0 ? 'done' : 'pending',
    due_date: i === 1 ? null : `2026-12-0${i + 1}`,
    completed_at: null,
    recommendation_id: a.recommendation_id,
    verification: a.verification,
    verified: i === 0,
  })),
  analysis: {
    website_url: 'https://bakery.test/',
    completed_at: '2026-11-19T09:00:00.000Z',
    scores: { overall: 71, seo: 64, content: 80, performance: 90, social: 40, technical: 82 },
  },
  business_name: 'Rise & Shine, Bakery; "Est. 1999"',
};

async function pdfText(buf: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    text += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  return text;
}

describe('strategy exports', () => {
  it('writes a PDF report with cover, scores, findings and checklist', async () => {
    const file = await renderExport('pdf', input);
    expect(file.content_type).toBe('application/pdf');
    expect(file.filename).toBe('growth-plan-for-bakery-test.pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(file.body);
    expect(text).toContain('QUENTO GROWTH PLAN');
    expect(text).toContain('Rise & Shine');
    expect(text).toContain('Scores');
    expect(text).toContain('SEO');
    expect(text).toContain('64');
    expect(text).toContain('Findings and plan');
    expect(text).toContain('Evidence: broken-links');
    expect(text).toContain('Action checklist');
    for (const r of engine.recommendations) expect(text).toContain(r.title.slice(0, 30));
  });

  it('writes Markdown with scores, evidence and a checklist', async () => {
    const md = (await renderExport('markdown', input)).body.toString();
    expect(md).toMatch(/^# Growth plan for bakery\.test/);
    expect(md).toContain('| SEO | 64 |');
    expect(md).toContain('- `broken-links`: site-wide');
    expect(md).toContain('  - https://bakery.test/menu (words 40, threshold 200)');
    expect(md).toMatch(/- \[x\] .* — done ✔ verified/);
    expect(md.match(/^- \[[ x]\]/gm)).toHaveLength(input.actions.length);
  });

  it('writes CSV rows that parse back, formula-looking cells neutralised', async () => {
    const evil = structuredClone(input);
    evil.actions[0]!.title = '=HYPERLINK("http://evil")';
    const file = await renderExport('csv', evil);
    expect(file.content_type).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(file.body.toString(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(input.actions.length);
    expect(rows[0]!.title).toBe('\'=HYPERLINK("http://evil")');
    expect(rows[1]).toMatchObject({ id: 'a1', status: 'pending', due_date: '' });
    expect(rows[0]!.recommendation).toBe(engine.recommendations[0]!.title);
    expect(rows.every((r) => r.verification_audit !== '')).toBe(true);
  });

  it('writes one iCalendar event per action with a due date', async () => {
    const file = await renderExport('ics', input);
    const text = file.body.toString();
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const dated = input.actions.filter((a) => a.due_date);
    expect(events).toHaveLength(dated.length);
    expect(events.map((e) => e.summary)).toEqual(dated.map((a) => a.title));
    expect(events[0]!.startDate.toString()).toBe('2026-12-01');
    expect(events[0]!.startDate.isDate).toBe(true);
    expect(events[0]!.description).toContain('Pages:\n- https://bakery.test/');
  });
});

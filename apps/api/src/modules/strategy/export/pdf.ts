import {
  categoryWords,
  levelsLine,
  plainText,
  shortenAtWord,
  statusWords,
} from '@quento/contracts';
import PDFDocument from 'pdfkit';
import { pdfFonts } from './fonts.ts';
import { evidenceView, scoreRows, topActions, verificationWords } from './present.ts';
import type { ExportAction, ExportInput } from './types.ts';

const INK = '#1f2933';
const MUTED = '#616e7c';
const ACCENT = '#0b6e4f';
const TRACK = '#e4e7eb';
const LEFT = 56;

type Doc = InstanceType<typeof PDFDocument>;

const REGULAR = 'Body';
const BOLD = 'Body-Bold';

function scoreColour(v: number): string {
  if (v >= 90) return '#0b6e4f';
  if (v >= 50) return '#c77c02';
  return '#b42318';
}

function heading(doc: Doc, text: string, size = 20) {
  doc.x = LEFT;
  doc.fillColor(INK).font(BOLD).fontSize(size).text(text);
  doc.moveDown(0.4);
}

/** "High priority · Big impact · Little effort · due 2026-12-01 · In progress" */
function actionLine(a: ExportAction): string {
  const checked = verificationWords(a);
  return [levelsLine(a), a.due_date ? `due ${a.due_date}` : null, statusWords(a.status), checked]
    .filter(Boolean)
    .join(' · ');
}

/** The first paragraph of an action's description (the page list follows in the checklist). */
const lead = (s: string) => plainText(s.split(/\n\s*\n/)[0] ?? s);

/** Notes on one line, for page one where space is short. */
const oneLine = (s: string) =>
  s
    .trim()
    .split(/\s*\n\s*/)
    .filter(Boolean)
    .map((line, i, all) => (i < all.length - 1 && !/[.!?;:,]$/.test(line) ? `${line};` : line))
    .join(' ');

/** Page one: who and what, the scores, and the three actions to start with. */
function firstPage(doc: Doc, input: ExportInput, now: Date, width: number) {
  const { strategy, analysis } = input;
  doc.fillColor(ACCENT).font(BOLD).fontSize(10).text('QUENTO GROWTH PLAN');
  doc.moveDown(0.3).fillColor(INK).fontSize(22).text(shortenAtWord(strategy.title, 90), { width });
  doc.moveDown(0.4).font(REGULAR).fontSize(10).fillColor(MUTED);
  const about = [
    input.business_name ? `Business: ${shortenAtWord(input.business_name, 120)}` : null,
    analysis ? `Website: ${analysis.website_url}` : null,
    `Prepared: ${now.toISOString().slice(0, 10)}`,
  ].filter((l): l is string => l !== null);
  for (const line of about) doc.text(line, { width });

  doc.moveDown(1.2);
  heading(doc, 'Scores', 15);
  if (!analysis) {
    doc.font(REGULAR).fontSize(11).fillColor(MUTED).text('No analysis behind this plan yet.');
  } else {
    doc.font(REGULAR).fontSize(9).fillColor(MUTED);
    doc.text(
      `Out of 100, from the analysis completed ${analysis.completed_at?.slice(0, 10) ?? 'recently'}.`,
    );
    doc.moveDown(0.6);
    for (const { label, value } of scoreRows(analysis)) {
      const y = doc.y;
      doc.fillColor(INK).font(REGULAR).fontSize(11).text(label, LEFT, y, { width: 150 });
      doc.rect(212, y + 1, 230, 10).fill(TRACK);
      if (value !== null)
        doc
          .rect(212, y + 1, (230 * Math.max(0, Math.min(100, value))) / 100, 10)
          .fill(scoreColour(value));
      doc
        .fillColor(INK)
        .font(BOLD)
        .text(value === null ? 'not measured' : String(value), 452, y, { width: 90 });
      doc.x = LEFT;
      doc.y = y + 18;
    }
  }

  doc.moveDown(1.2);
  heading(doc, 'Start here: your top three actions', 15);
  const top = topActions(input.actions);
  if (top.length === 0) {
    doc.font(REGULAR).fontSize(11).fillColor(MUTED);
    doc.text('Every action in this plan is done or skipped.', { width });
  }
  top.forEach((a, i) => {
    doc
      .fillColor(INK)
      .font(BOLD)
      .fontSize(12)
      .text(`${i + 1}. ${a.title}`, { width });
    doc.moveDown(0.15).fillColor(ACCENT).font(REGULAR).fontSize(9).text(actionLine(a), { width });
    if (a.description)
      doc
        .moveDown(0.2)
        .fillColor(INK)
        .fontSize(10)
        .text(shortenAtWord(lead(a.description), 220), { width });
    if (a.notes?.trim())
      doc
        .moveDown(0.2)
        .fillColor(MUTED)
        .fontSize(9)
        .text(`Notes: ${shortenAtWord(oneLine(a.notes), 160)}`, { width });
    doc.moveDown(0.8);
  });
}

/** The plan in full: each recommendation with why it matters and the evidence behind it. */
function findings(doc: Doc, input: ExportInput, width: number) {
  const { strategy } = input;
  doc.addPage();
  if (strategy.summary) {
    heading(doc, 'Summary');
    doc.font(REGULAR).fontSize(11).fillColor(INK).text(strategy.summary, { width });
    doc.moveDown(1.2);
  }
  heading(doc, 'Findings and plan');
  if (strategy.recommendations.length === 0) {
    doc.font(REGULAR).fontSize(12).text('The analysis found nothing that needs fixing.');
  }
  strategy.recommendations.forEach((r, i) => {
    if (doc.y > doc.page.height - 180) doc.addPage();
    doc.moveDown(0.8).fillColor(INK).font(BOLD).fontSize(13);
    doc.text(`${i + 1}. ${r.title}`, LEFT, doc.y, { width });
    const source = r.source === 'strategic' ? ' · from the advisor' : '';
    doc.fillColor(ACCENT).font(REGULAR).fontSize(9);
    doc.text(`${levelsLine(r)} · ${categoryWords(r.category)}${source}`, { width });
    doc.moveDown(0.3).fillColor(INK).fontSize(11).text(plainText(r.description), { width });
    doc
      .moveDown(0.3)
      .fillColor(MUTED)
      .fontSize(10)
      .text(`Why: ${plainText(r.rationale)}`, { width });
    for (const e of r.evidence) {
      const view = evidenceView(e);
      doc.moveDown(0.3).fillColor(INK).font(BOLD).fontSize(10);
      doc.text(`${view.check}. `, { width, continued: true });
      doc.font(REGULAR).fillColor(MUTED).text(view.where);
      const lines = [...view.facts.slice(0, 4)];
      if (view.pages.length)
        lines.push(
          `Pages: ${view.pages.slice(0, 3).join(', ')}${view.pages.length > 3 ? ', …' : ''}`,
        );
      doc.fontSize(9.5).list(lines, LEFT + 8, doc.y, {
        width: width - 8,
        bulletRadius: 1.5,
        textIndent: 10,
      });
      doc.x = LEFT;
    }
  });
}

/** Every action, ticked when done, with its notes. */
function checklist(doc: Doc, input: ExportInput, width: number) {
  doc.addPage();
  heading(doc, 'Action checklist');
  doc.font(REGULAR).fontSize(11);
  for (const a of input.actions) {
    if (doc.y > doc.page.height - 110) doc.addPage();
    const y = doc.y;
    doc
      .rect(LEFT, y + 1, 9, 9)
      .lineWidth(0.8)
      .stroke(INK);
    if (a.status === 'done')
      doc
        .fillColor(ACCENT)
        .font(BOLD)
        .text('x', LEFT + 2, y, { lineBreak: false });
    doc
      .fillColor(INK)
      .font(REGULAR)
      .fontSize(11)
      .text(a.title, LEFT + 18, y, { width: width - 18 });
    doc
      .fillColor(MUTED)
      .fontSize(9)
      .text(actionLine(a), LEFT + 18, doc.y, { width: width - 18 });
    if (a.notes?.trim())
      doc.fillColor(INK).text(`Notes: ${a.notes.trim()}`, LEFT + 18, doc.y, { width: width - 18 });
    doc.x = LEFT;
    doc.fontSize(11).moveDown(0.5);
  }
}

/** A report: scores and the top three actions first, then the plan and the checklist. */
export function toPdf(input: ExportInput, now = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    info: { Title: input.strategy.title, Author: 'Quento', CreationDate: now },
  });
  const fonts = pdfFonts();
  // pdfkit takes a parsed fontkit font as well as a file; its types only list files and buffers.
  doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
  doc.font(REGULAR);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * LEFT;
  firstPage(doc, input, now, width);
  findings(doc, input, width);
  checklist(doc, input, width);
  doc.end();
  return done;
}

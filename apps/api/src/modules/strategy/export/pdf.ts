import PDFDocument from 'pdfkit';
import { measuredOn, SCORE_LABELS, statusLabel } from './labels.ts';
import type { ExportInput } from './types.ts';

const INK = '#1f2933';
const MUTED = '#616e7c';
const ACCENT = '#0b6e4f';

function scoreColour(v: number): string {
  if (v >= 90) return '#0b6e4f';
  if (v >= 50) return '#c77c02';
  return '#b42318';
}

/** A real report: cover, scores, findings, the prioritised plan and an action checklist. */
export function toPdf(input: ExportInput, now = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: input.strategy.title, Author: 'Quento', CreationDate: now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  const { strategy, analysis } = input;

  // Cover
  doc.moveDown(6).fillColor(ACCENT).font('Helvetica-Bold').fontSize(12).text('QUENTO GROWTH PLAN');
  doc.moveDown(0.5).fillColor(INK).fontSize(28).text(strategy.title, { width });
  doc.moveDown(1).font('Helvetica').fontSize(12).fillColor(MUTED);
  if (input.business_name) doc.text(`Business: ${input.business_name}`);
  if (analysis) doc.text(`Website: ${analysis.website_url}`);
  doc.text(`Prepared: ${now.toISOString().slice(0, 10)}`);
  if (strategy.summary)
    doc.moveDown(2).fillColor(INK).fontSize(12).text(strategy.summary, { width });

  // Scores
  if (analysis) {
    doc.addPage().fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Scores');
    doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor(MUTED);
    doc.text(`From the analysis completed ${analysis.completed_at?.slice(0, 10) ?? 'recently'}.`);
    doc.moveDown(1);
    for (const [key, label] of SCORE_LABELS) {
      const v = analysis.scores[key];
      const y = doc.y;
      doc.fillColor(INK).font('Helvetica').fontSize(12).text(label, 56, y, { width: 120 });
      doc.rect(180, y, 260, 12).fill('#e4e7eb');
      if (typeof v === 'number')
        doc.rect(180, y, (260 * Math.max(0, Math.min(100, v))) / 100, 12).fill(scoreColour(v));
      doc.fillColor(INK).text(typeof v === 'number' ? String(Math.round(v)) : 'n/a', 452, y);
      doc.x = 56;
      doc.moveDown(1);
    }
  }

  // Findings and plan
  doc.addPage().fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Findings and plan', 56);
  doc.moveDown(0.5);
  if (strategy.recommendations.length === 0) {
    doc.font('Helvetica').fontSize(12).text('The analysis found nothing that needs fixing.');
  }
  strategy.recommendations.forEach((r, i) => {
    if (doc.y > doc.page.height - 180) doc.addPage();
    doc
      .moveDown(0.8)
      .fillColor(INK)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`${i + 1}. ${r.title}`, { width });
    const tag = `${r.priority.toUpperCase()} PRIORITY  ·  ${r.impact} impact  ·  ${r.effort} effort  ·  ${r.category}${r.source === 'strategic' ? '  ·  strategic' : ''}`;
    doc.fillColor(ACCENT).font('Helvetica').fontSize(9).text(tag);
    doc.moveDown(0.3).fillColor(INK).fontSize(11).text(r.description, { width });
    doc.moveDown(0.3).fillColor(MUTED).fontSize(10).text(`Why: ${r.rationale}`, { width });
    for (const e of r.evidence) {
      const where =
        e.scope === 'site' ? 'site-wide' : `${e.pages_failing} of ${e.pages_checked} pages`;
      doc.text(`Evidence: ${e.audit_id} (${where})`, { width });
      for (const p of e.pages.slice(0, 3))
        doc.text(`    ${p}${measuredOn(e.measurements, p)}`, { width });
    }
  });

  // Checklist
  doc.addPage().fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Action checklist', 56);
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  for (const a of input.actions) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    const y = doc.y;
    doc
      .rect(56, y + 1, 9, 9)
      .lineWidth(0.8)
      .stroke(INK);
    if (a.status === 'done') doc.fillColor(ACCENT).text('x', 58, y, { lineBreak: false });
    const due = a.due_date ? `  (due ${a.due_date})` : '';
    doc.fillColor(INK).text(`${a.title}${due}`, 74, y, { width: width - 18 });
    doc
      .fillColor(MUTED)
      .fontSize(9)
      .text(`${a.priority ?? ''} · ${statusLabel(a.status)}${a.verified ? ' · verified' : ''}`, 74);
    doc.fontSize(11).moveDown(0.4);
  }
  doc.end();
  return done;
}

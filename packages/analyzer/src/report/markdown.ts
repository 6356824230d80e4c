import { CONFIG } from '../config.ts';
import type { AnalysisReport } from '../types.ts';
import { CATEGORY_IDS, failingAudits, fmtScore, readModes } from './summary.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown (for tickets, e-mails and the API's exports). */
export function renderMarkdown(report: AnalysisReport): string {
  const out: string[] = [];
  out.push(`# Website analysis: ${report.finalUrl}`, '');
  out.push(`Analysed ${readModes(report)}, on ${report.finishedAt}.`, '');
  out.push('| Category | Score |', '| --- | ---: |');
  out.push(`| **Overall** | **${fmtScore(report.scores.overall)}** |`);
  for (const id of CATEGORY_IDS)
    out.push(`| ${CONFIG.categories[id].title} | ${fmtScore(report.scores[id])} |`);
  out.push('', '## What to fix', '');
  const failing = failingAudits(report);
  if (failing.length === 0) out.push('Nothing: every check passed.');
  for (const f of failing) {
    out.push(`### ${f.entry.failureTitle}`, '');
    out.push(f.entry.description, '');
    out.push(`**Fix:** ${f.entry.fixHint}`, '');
    if (f.entry.scope === 'page') {
      const pages = report.pages.filter((p) => (p.audits[f.entry.id]?.score ?? 1) < 1);
      for (const p of pages.slice(0, 10))
        out.push(`- ${p.url}: ${p.audits[f.entry.id]?.explanation ?? ''}`);
      if (pages.length > 10) out.push(`- ...and ${pages.length - 10} more pages`);
    } else if (f.site) {
      out.push(f.site.explanation, '');
      for (const item of f.site.items.slice(0, 10)) {
        out.push(
          `- ${Object.values(item)
            .filter((v) => v !== null)
            .map((v) => cell(String(v)))
            .join(' — ')}`,
        );
      }
    }
    out.push('');
  }
  out.push('## Pages', '', '| URL | Status | TTFB (ms) |', '| --- | ---: | ---: |');
  for (const p of report.pages)
    out.push(`| ${cell(p.url)} | ${p.status || p.error?.code || ''} | ${p.timing.ttfbMs} |`);
  return `${out.join('\n')}\n`;
}

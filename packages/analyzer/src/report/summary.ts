import { AUDIT_CATALOGUE, type AuditCatalogueEntry } from '../catalogue.ts';
import { type CategoryId, CONFIG } from '../config.ts';
import { collectFindings } from '../findings.ts';
import type { AnalysisReport } from '../types.ts';

const CATALOGUE: ReadonlyMap<string, AuditCatalogueEntry> = new Map(
  AUDIT_CATALOGUE.map((e) => [e.id, e]),
);

export const CATEGORY_IDS = Object.keys(CONFIG.categories) as CategoryId[];

export function fmtScore(s: number | null | undefined): string {
  return s === null || s === undefined ? 'n/a' : String(s);
}

/**
 * Failing audits with the number of pages affected, worst first: the findings (collectFindings,
 * the one Finding type) with their catalogue entries, for the renderers.
 */
export function failingAudits(report: AnalysisReport) {
  return collectFindings(report).map((f) => ({
    finding: f,
    entry: CATALOGUE.get(f.audit_id)!,
    score: f.score,
    pages: f.scope === 'page' ? f.pages_failing : 0,
    site: report.site.audits[f.audit_id],
  }));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How the pages were read: "3 pages: 1 rendered (1 application shell), 2 static". */
export function readModes(report: AnalysisReport): string {
  const count = (f: (p: AnalysisReport['pages'][number]) => boolean) =>
    report.pages.filter(f).length;
  const total = report.pages.length;
  const rendered = count((p) => p.mode === 'rendered');
  const shells = count((p) => p.modeReason === 'app-shell');
  const unrendered = count((p) => p.modeReason === 'no-browser');
  const renderedPart = `rendered${shells ? ` (${plural(shells, 'application shell')})` : ''}`;
  const staticPart = `static${unrendered ? ` (${plural(unrendered, 'application shell')} without Chromium)` : ''}`;
  if (rendered === 0) return `${plural(total, 'page')}, ${staticPart}`;
  if (rendered === total) return `${plural(total, 'page')}, ${renderedPart}`;
  return `${plural(total, 'page')}: ${rendered} ${renderedPart}, ${total - rendered} ${staticPart}`;
}

/** A readable plain-text summary for the terminal. */
export function renderSummary(report: AnalysisReport): string {
  const lines: string[] = [];
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  lines.push(`Quento analysis of ${report.finalUrl}`);
  lines.push(`${readModes(report)}; ${(ms / 1000).toFixed(1)} s`);
  lines.push('');
  lines.push(`Overall  ${fmtScore(report.scores.overall).padStart(3)}`);
  for (const id of CATEGORY_IDS) {
    lines.push(
      `${CONFIG.categories[id].title.padEnd(12)} ${fmtScore(report.scores[id]).padStart(3)}`,
    );
  }
  const failing = failingAudits(report);
  lines.push('');
  lines.push(failing.length ? 'To fix:' : 'No failing checks.');
  for (const f of failing) {
    const where = f.entry.scope === 'page' ? ` (${f.pages} page${f.pages === 1 ? '' : 's'})` : '';
    const detail =
      f.site?.explanation && f.entry.scope === 'site' ? ` - ${f.site.explanation}` : '';
    lines.push(`  - ${f.entry.failureTitle.replaceAll('`', '')}${where}${detail}`);
    lines.push(`    fix: ${f.entry.fixHint}`);
  }
  return `${lines.join('\n')}\n`;
}

import type { AuditItem, Evidence } from './audits/audit.ts';
import { AUDIT_CATALOGUE } from './catalogue.ts';
import type { CategoryId } from './config.ts';
import type { AnalysisReport } from './types.ts';

/** One failing audit across the site, with the evidence a recommendation must cite. */
export interface Finding {
  auditId: string;
  title: string;
  categories: CategoryId[];
  /** Site-wide score of the audit (page audits averaged over pages). */
  score: number;
  /** Pages where it failed (empty for site audits). */
  pageUrls: string[];
  items: (AuditItem & { page?: string })[];
  evidence: Evidence[];
  fixHint: string;
}

/** Flattens a report into its failing audits, worst first. */
export function collectFindings(report: AnalysisReport, maxItems = 20): Finding[] {
  const out: Finding[] = [];
  for (const entry of AUDIT_CATALOGUE) {
    if (entry.informative) continue;
    const score = report.auditScores[entry.id];
    if (score === null || score === undefined || score >= 1) continue;
    const pageUrls: string[] = [];
    const items: Finding['items'] = [];
    const evidence: Finding['evidence'] = [];
    let title = entry.failureTitle;
    let fixHint = entry.fixHint;
    if (entry.scope === 'site') {
      const r = report.site.audits[entry.id];
      if (r) {
        items.push(...r.items.slice(0, maxItems));
        if (r.evidence) evidence.push(r.evidence);
        title = r.title;
        // A site audit may name the fix for this site (the story audits do).
        fixHint = r.fixHint || fixHint;
      }
    } else {
      for (const page of report.pages) {
        const r = page.audits[entry.id];
        if (!r || r.score === null || r.score >= 1) continue;
        pageUrls.push(page.url);
        for (const item of r.items)
          if (items.length < maxItems) items.push({ ...item, page: page.url });
        if (r.evidence && evidence.length < maxItems)
          evidence.push({ page: page.url, ...r.evidence });
      }
    }
    out.push({
      auditId: entry.id,
      title,
      categories: entry.categories.map((c) => c.category),
      score,
      pageUrls,
      items,
      evidence,
      fixHint,
    });
  }
  return out.sort((a, b) => a.score - b.score);
}

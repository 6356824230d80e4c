import { type AnalysisReport, AUDIT_CATALOGUE, collectFindings } from '@quento/analyzer';
import type { Finding, FindingCategory } from '@quento/contracts';
import { severityOf } from './analysis.summary.ts';

/** Items shown per finding: enough to recognise the problem, small enough for a phone. */
const ITEMS_PER_FINDING = 5;

const CATALOGUE = new Map(AUDIT_CATALOGUE.map((e) => [e.id, e]));

/** The category an audit weighs most in. */
function mainCategory(auditId: string): FindingCategory {
  const cats = CATALOGUE.get(auditId)?.categories ?? [];
  const best = [...cats].sort((a, b) => b.weight - a.weight)[0];
  return best?.category ?? 'technical';
}

/** The failing audits of a stored report, in the owner's words, worst first. */
export function findingsOf(report: AnalysisReport): Finding[] {
  return collectFindings(report, ITEMS_PER_FINDING).map((f) => {
    const entry = CATALOGUE.get(f.auditId);
    return {
      audit_id: f.auditId,
      title: f.title,
      category: mainCategory(f.auditId),
      severity: severityOf(f.auditId),
      explanation: entry?.description ?? '',
      fix: f.fixHint,
      pages: f.pageUrls,
      items: f.items,
      score: Math.round(f.score * 100) / 100,
    };
  });
}

import type { Finding, StoredReport } from '@quento/contracts';
import { collectFindings } from '@quento/engine';

/** Items shown per finding: enough to recognise the problem, small enough for a phone. */
const ITEMS_PER_FINDING = 5;

/** The failing audits of a stored report, in the owner's words, worst first. */
export function findingsOf(report: StoredReport): Finding[] {
  return collectFindings(report, { maxItems: ITEMS_PER_FINDING }).map((f) => ({
    ...f,
    score: Math.round(f.score * 100) / 100,
  }));
}

import type { Evidence } from '@quento/contracts';
import { type AuditResultLike, type ReportLike, urlKey } from './report.ts';

/** Items kept per finding: enough to show the problem, small enough to store with every strategy. */
const MAX_ITEMS = 10;

/** A failed audit across the site: the unit that recommendations are built from. */
export type Finding = Evidence & { severity: number };

function failed(
  result: AuditResultLike | undefined,
): result is AuditResultLike & { score: number } {
  return !!result && result.error == null && typeof result.score === 'number' && result.score < 1;
}

function applicable(result: AuditResultLike | undefined): boolean {
  return !!result && result.error == null && typeof result.score === 'number';
}

function pagesOfItems(items: unknown[]): string[] {
  const urls = new Set<string>();
  for (const item of items) {
    if (item && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      for (const key of ['url', 'source', 'page', 'start']) {
        const v = rec[key];
        if (typeof v === 'string' && /^https?:/.test(v)) urls.add(v);
      }
    }
  }
  return [...urls];
}

/** Collects every failing audit of a report, page audits aggregated over the pages they fail on. */
export function collectFindings(report: ReportLike): Finding[] {
  const byAudit = new Map<string, Finding>();
  for (const page of report.pages) {
    for (const [auditId, result] of Object.entries(page.audits)) {
      if (!applicable(result)) continue;
      let f = byAudit.get(auditId);
      if (!f) {
        f = {
          audit_id: auditId,
          scope: 'page',
          pages: [],
          pages_checked: 0,
          pages_failing: 0,
          items: [],
          values: {},
          measurements: [],
          severity: 0,
        };
        byAudit.set(auditId, f);
      }
      f.pages_checked += 1;
      if (!failed(result)) continue;
      f.pages_failing += 1;
      f.pages.push(page.url);
      f.severity += 1 - result.score;
      for (const item of result.items ?? []) {
        if (f.items.length >= MAX_ITEMS) break;
        f.items.push(item && typeof item === 'object' ? { page: page.url, ...item } : item);
      }
      if (result.evidence && f.measurements.length < MAX_ITEMS) {
        f.measurements.push({ page: page.url, ...result.evidence });
      }
    }
  }
  const findings = [...byAudit.values()].filter((f) => f.pages_failing > 0);
  for (const f of findings) f.severity = f.severity / Math.max(1, f.pages_checked);

  for (const [auditId, result] of Object.entries(report.site.audits)) {
    if (!failed(result)) continue;
    const items = result.items ?? [];
    findings.push({
      audit_id: auditId,
      scope: 'site',
      pages: pagesOfItems(items),
      pages_checked: report.pages.length,
      pages_failing: 0,
      items: items.slice(0, MAX_ITEMS),
      values: { item_count: items.length, score: result.score },
      measurements: result.evidence ? [result.evidence] : [],
      severity: 1 - result.score,
    });
  }
  for (const f of findings) if (f.scope === 'site') f.pages_failing = f.pages.length;
  return findings;
}

export interface FindingKey {
  audit_id: string;
  page: string | null;
}

/** One finding per (audit, page) so that two analyses can be compared finding by finding. */
export function findingKeys(report: ReportLike): FindingKey[] {
  const keys: FindingKey[] = [];
  for (const page of report.pages) {
    for (const [auditId, result] of Object.entries(page.audits)) {
      if (failed(result)) keys.push({ audit_id: auditId, page: urlKey(page.url) });
    }
  }
  for (const [auditId, result] of Object.entries(report.site.audits)) {
    if (failed(result)) keys.push({ audit_id: auditId, page: null });
  }
  return keys;
}

export interface FindingsDiff {
  resolved: FindingKey[];
  new: FindingKey[];
  unchanged: FindingKey[];
}

/** Which findings a later analysis resolved, which it introduced and which remain. */
export function diffFindings(before: ReportLike, after: ReportLike): FindingsDiff {
  const id = (k: FindingKey) => `${k.audit_id}\u0000${k.page ?? ''}`;
  const a = new Map(findingKeys(before).map((k) => [id(k), k]));
  const b = new Map(findingKeys(after).map((k) => [id(k), k]));
  const afterPages = new Set(after.pages.map((p) => urlKey(p.url)));
  const diff: FindingsDiff = { resolved: [], new: [], unchanged: [] };
  for (const [key, k] of a) {
    if (b.has(key)) diff.unchanged.push(k);
    // A page that was not crawled again proves nothing: only a re-checked page counts as resolved.
    else if (k.page === null || afterPages.has(k.page)) diff.resolved.push(k);
  }
  for (const [key, k] of b) if (!a.has(key)) diff.new.push(k);
  return diff;
}

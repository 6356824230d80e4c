import type { Finding, FindingCategory } from '@quento/contracts';
import { pageKey } from '@quento/url';
import { isAuditId } from './audit-ids.ts';
import { AUDIT_CATALOGUE } from './catalogue.ts';
import type { AuditResultLike, ReportLike } from './report-like.ts';
import { SEVERITY } from './severity.ts';

/** Items kept per finding: enough to show the problem, small enough to store with every strategy. */
const MAX_ITEMS = 10;

const CATALOGUE: ReadonlyMap<string, (typeof AUDIT_CATALOGUE)[number]> = new Map(
  AUDIT_CATALOGUE.map((e) => [e.id, e]),
);

type Item = Finding['items'][number];

function failed(
  result: AuditResultLike | undefined,
): result is AuditResultLike & { score: number } {
  return !!result && result.error == null && typeof result.score === 'number' && result.score < 1;
}

function applicable(
  result: AuditResultLike | undefined,
): result is AuditResultLike & { score: number } {
  return !!result && result.error == null && typeof result.score === 'number';
}

function isItem(item: unknown): item is Item {
  return !!item && typeof item === 'object' && !Array.isArray(item);
}

function pagesOfItems(items: Item[]): string[] {
  const urls = new Set<string>();
  for (const item of items) {
    for (const key of ['url', 'source', 'page', 'start']) {
      const v = item[key];
      if (typeof v === 'string' && /^https?:/.test(v)) urls.add(v);
    }
  }
  return [...urls];
}

/** The category an audit weighs most in. */
function mainCategory(auditId: string): FindingCategory {
  const cats = CATALOGUE.get(auditId)?.categories ?? [];
  const best = [...cats].sort((a, b) => b.weight - a.weight)[0];
  return best?.category ?? 'technical';
}

/** How much a failing audit matters (SEVERITY); low for ids this analyzer does not know. */
export function severityOf(auditId: string): Finding['severity'] {
  return (isAuditId(auditId) ? SEVERITY[auditId] : null) ?? 'low';
}

/** A site audit may name the fix for this site (the story audits do): it wins over the catalogue's. */
function describe(auditId: string, result: AuditResultLike | undefined) {
  const entry = CATALOGUE.get(auditId)!;
  return {
    title: result?.title ?? entry.failureTitle,
    category: mainCategory(auditId),
    severity: severityOf(auditId),
    explanation: entry.description,
    fix: result?.fixHint || entry.fixHint,
  };
}

export interface CollectOptions {
  /** Items (and measurements) kept per finding. */
  maxItems?: number;
}

/**
 * Every failing audit of a report, worst first: page audits aggregated over the pages they fail
 * on, site audits as they are. Informative audits and ids the analyzer does not know are left out.
 */
export function collectFindings(report: ReportLike, options: CollectOptions = {}): Finding[] {
  const maxItems = options.maxItems ?? MAX_ITEMS;
  const findings: Finding[] = [];
  for (const entry of AUDIT_CATALOGUE) {
    if (entry.informative) continue;
    if (entry.scope === 'site') {
      const result = report.site.audits[entry.id];
      if (!failed(result)) continue;
      const items = (result.items ?? []).filter(isItem);
      const pages = pagesOfItems(items);
      findings.push({
        audit_id: entry.id,
        scope: 'site',
        ...describe(entry.id, result),
        pages,
        pages_checked: report.pages.length,
        pages_failing: pages.length,
        items: items.slice(0, maxItems),
        values: { item_count: items.length, score: result.score },
        measurements: result.evidence ? [result.evidence] : [],
        score: result.score,
      });
      continue;
    }
    const f: Finding = {
      audit_id: entry.id,
      scope: 'page',
      ...describe(entry.id, undefined),
      pages: [],
      pages_checked: 0,
      pages_failing: 0,
      items: [],
      values: {},
      measurements: [],
      score: 0,
    };
    let sum = 0;
    for (const page of report.pages) {
      const result = page.audits[entry.id];
      if (!applicable(result)) continue;
      f.pages_checked += 1;
      sum += result.score;
      if (result.score >= 1) continue;
      f.pages_failing += 1;
      f.pages.push(page.url);
      for (const item of (result.items ?? []).filter(isItem)) {
        if (f.items.length >= maxItems) break;
        f.items.push({ page: page.url, ...item });
      }
      if (result.evidence && f.measurements.length < maxItems) {
        f.measurements.push({ page: page.url, ...result.evidence });
      }
    }
    if (f.pages_failing === 0) continue;
    f.score = sum / f.pages_checked;
    findings.push(f);
  }
  // Stable: equal scores keep the catalogue's order.
  return findings.sort((a, b) => a.score - b.score);
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
      if (failed(result)) keys.push({ audit_id: auditId, page: pageKey(page.url) });
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
  const afterPages = new Set(after.pages.map((p) => pageKey(p.url)));
  const diff: FindingsDiff = { resolved: [], new: [], unchanged: [] };
  for (const [key, k] of a) {
    if (b.has(key)) diff.unchanged.push(k);
    // A page that was not crawled again proves nothing: only a re-checked page counts as resolved.
    else if (k.page === null || afterPages.has(k.page)) diff.resolved.push(k);
  }
  for (const [key, k] of b) if (!a.has(key)) diff.new.push(k);
  return diff;
}

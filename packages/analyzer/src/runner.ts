import type { PageArtifacts, SiteArtifacts } from './artifacts/types.ts';
import type {
  Audit,
  AuditProduct,
  AuditResult,
  PageAudit,
  PageContext,
  SiteAudit,
} from './audits/audit.ts';
import { AUDITS } from './audits/index.ts';

function toResult(audit: Audit, run: () => AuditProduct): AuditResult {
  const { meta } = audit;
  try {
    const p = run();
    const passed = p.score === null ? null : p.score >= 1;
    const explanation =
      p.explanation ??
      (passed === false ? `${meta.failureTitle}. ${meta.description}` : meta.title);
    return {
      id: meta.id,
      title: passed === false ? meta.failureTitle : meta.title,
      score: p.score === null ? null : Math.max(0, Math.min(1, p.score)),
      items: p.items ?? [],
      explanation,
      fixHint: p.fixHint ?? meta.fixHint,
      ...(p.displayValue !== undefined ? { displayValue: p.displayValue } : {}),
      ...(p.evidence !== undefined ? { evidence: p.evidence } : {}),
    };
  } catch (err) {
    // An audit that throws fails alone: it reports the error and the run goes on.
    return {
      id: meta.id,
      title: meta.title,
      score: null,
      items: [],
      explanation: 'This check could not be run.',
      fixHint: meta.fixHint,
      error: { code: 'AUDIT_ERROR', message: err instanceof Error ? err.message : String(err) },
    };
  }
}

/** Runs every page audit on one page. */
export function runPageAudits(
  page: PageArtifacts,
  context: PageContext,
  audits: readonly Audit[] = AUDITS,
): Record<string, AuditResult> {
  const out: Record<string, AuditResult> = {};
  const errorPage = page.fetchError !== undefined || page.status >= 400 || page.status === 0;
  for (const audit of audits) {
    if (audit.scope !== 'page') continue;
    if (errorPage && !audit.meta.runsOnErrorPages) {
      // An error page's own markup says nothing about the site; only its status is a finding.
      out[audit.meta.id] = toResult(audit, () => ({
        score: null,
        explanation: 'Not applicable: the page did not load successfully.',
      }));
      continue;
    }
    out[audit.meta.id] = toResult(audit, () => (audit as PageAudit).audit(page, context));
  }
  return out;
}

/** Runs every site audit on the crawl. */
export function runSiteAudits(
  site: SiteArtifacts,
  audits: readonly Audit[] = AUDITS,
): Record<string, AuditResult> {
  const out: Record<string, AuditResult> = {};
  for (const audit of audits) {
    if (audit.scope !== 'site') continue;
    out[audit.meta.id] = toResult(audit, () => (audit as SiteAudit).audit(site));
  }
  return out;
}

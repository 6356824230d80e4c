import type { ReportLike, RuleOutcome } from '@quento/analyzer/catalogue';
import type { VerificationRule } from '@quento/contracts';
import { pageKey } from '@quento/url';
import { checkExternal, isExternalCheck } from './external.ts';

/**
 * Checks an action's rule against a (later) analysis. A page that was not crawled again, or an
 * audit that errored, proves nothing either way and gives `unknown`.
 */
export function checkRule(rule: VerificationRule, report: ReportLike): RuleOutcome {
  if (isExternalCheck(rule.audit_id)) return checkExternal(rule.audit_id, report.external);
  if (rule.scope === 'site') {
    const result = report.site.audits[rule.audit_id];
    if (!result || result.error != null) return 'unknown';
    // A site audit that no longer applies (score null) has nothing left to fix.
    return result.score === null || result.score >= 1 ? 'pass' : 'fail';
  }
  const pages = new Map(report.pages.map((p) => [pageKey(p.url), p]));
  let unknown = false;
  for (const url of rule.pages) {
    const result = pages.get(pageKey(url))?.audits[rule.audit_id];
    if (!result || result.error != null) {
      unknown = true;
      continue;
    }
    if (result.score !== null && result.score < 1) return 'fail';
  }
  return unknown || rule.pages.length === 0 ? 'unknown' : 'pass';
}

import type { RuleOutcome } from '@quento/analyzer/catalogue';
import type { Finding } from '@quento/contracts';
import type { AuditTemplate } from './templates.ts';

/** Third-party figures as the analysis stored them (results.external). */
export interface ExternalLike {
  provider: string;
  metrics: Record<string, unknown>;
}

/** Checks on third-party data: PageSpeed's lab score, Moz's authority and spam score. */
export type ExternalCheckId = 'pagespeed-performance' | 'moz-authority' | 'moz-spam';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface Check {
  provider: 'pagespeed' | 'moz';
  title: string;
  explanation: string;
  fix: string;
  category: Finding['category'];
  /** 0 to 1 (1 passes), or null when the provider did not report the figure. */
  score: (m: Record<string, unknown>) => number | null;
  advice: AuditTemplate;
}

/** PageSpeed's performance score passes at 90 (Google's "good"); below 50 is "poor". */
const PSI_GOOD = 90;
/** Moz Domain Authority below this is weak for a business that wants to be found. */
const DA_WEAK = 20;
/** Moz spam score (percent) from which links look risky. */
const SPAM_RISKY = 30;

export const EXTERNAL_CHECKS: Record<ExternalCheckId, Check> = {
  'pagespeed-performance': {
    provider: 'pagespeed',
    title: 'PageSpeed performance score is below 90',
    explanation:
      'Google’s PageSpeed test loads your home page as a phone would; a low score means visitors wait.',
    fix: 'Compress and resize images, remove unused scripts and plugins, and enable caching.',
    category: 'performance',
    score: (m) => {
      const s = num(m.performance_score);
      return s === null ? null : s >= PSI_GOOD ? 1 : s / 100;
    },
    advice: {
      group: 'page-speed',
      category: 'technical',
      impact: 'high',
      effort: 'high',
      why: 'Most visitors leave a page that takes more than a few seconds to show on their phone.',
      action: () => ({
        title: 'Raise the PageSpeed performance score to 90 or more',
        description:
          'Start with the largest image on the home page, then unused scripts and plugins; re-run PageSpeed after each change.',
      }),
    },
  },
  'moz-authority': {
    provider: 'moz',
    title: `Domain Authority is below ${DA_WEAK}`,
    explanation:
      'Few trusted sites link to yours, so search engines rank it below better-linked ones.',
    fix: 'Get listed in local directories and ask partners, suppliers and local press to link to you.',
    category: 'seo',
    score: (m) => {
      const da = num(m.domain_authority);
      return da === null ? null : da >= DA_WEAK ? 1 : da / DA_WEAK;
    },
    advice: {
      group: 'authority',
      category: 'local',
      impact: 'medium',
      effort: 'high',
      why: 'Links from other trusted sites are among the strongest signals search engines use.',
      action: () => ({
        title: 'Earn five links from local directories, partners or press',
        description:
          'List the business in the main local directories and ask suppliers and partners to link to your site.',
      }),
    },
  },
  'moz-spam': {
    provider: 'moz',
    title: `Spam score is ${SPAM_RISKY}% or more`,
    explanation:
      'Many of the sites linking to yours look like spam, which can drag your ranking down.',
    fix: 'Review the links pointing to your site and disavow the spammy ones in Google Search Console.',
    category: 'seo',
    score: (m) => {
      const spam = num(m.spam_score);
      return spam === null ? null : spam < SPAM_RISKY ? 1 : Math.max(0, 1 - spam / 100);
    },
    advice: {
      group: 'authority',
      category: 'seo',
      impact: 'high',
      effort: 'medium',
      why: 'Links from spammy sites can make search engines distrust yours.',
      action: () => ({
        title: 'Disavow the spammy links pointing to your site',
        description:
          'Export the linking domains, list the spammy ones in a disavow file and upload it in Google Search Console.',
      }),
    },
  },
};

export function isExternalCheck(id: string): id is ExternalCheckId {
  return Object.hasOwn(EXTERNAL_CHECKS, id);
}

function metricsOf(external: readonly ExternalLike[] | undefined, provider: string) {
  return external?.find((e) => e.provider === provider)?.metrics;
}

/** Findings from the third-party data of a report, when the providers answered. */
export function externalFindings(report: {
  url: string;
  pages: readonly unknown[];
  external?: readonly ExternalLike[];
}): Finding[] {
  const out: Finding[] = [];
  for (const [id, check] of Object.entries(EXTERNAL_CHECKS) as [ExternalCheckId, Check][]) {
    const metrics = metricsOf(report.external, check.provider);
    const score = metrics ? check.score(metrics) : null;
    if (!metrics || score === null || score >= 1) continue;
    const values: Finding['values'] = {};
    for (const [k, v] of Object.entries(metrics)) {
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
        values[k] = v as string | number | boolean | null;
      }
    }
    out.push({
      audit_id: id,
      scope: 'site',
      title: check.title,
      category: check.category,
      severity: check.advice.impact,
      explanation: check.explanation,
      fix: check.fix,
      pages: [report.url],
      pages_checked: report.pages.length,
      pages_failing: 1,
      items: [],
      values: { provider: check.provider, ...values },
      measurements: [{ provider: check.provider, ...values }],
      score,
    });
  }
  return out;
}

/** A later analysis's third-party data against an external check; unknown without the data. */
export function checkExternal(
  id: ExternalCheckId,
  external: readonly ExternalLike[] | undefined,
): RuleOutcome {
  const check = EXTERNAL_CHECKS[id];
  const metrics = metricsOf(external, check.provider);
  const score = metrics ? check.score(metrics) : null;
  if (score === null) return 'unknown';
  return score >= 1 ? 'pass' : 'fail';
}

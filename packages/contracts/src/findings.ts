import { z } from 'zod';

export const Severity = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

export const FindingCategory = z.enum(['seo', 'content', 'performance', 'social', 'technical']);
export type FindingCategory = z.infer<typeof FindingCategory>;

/** A value as an audit reported it: text, a number, yes/no, or nothing. */
export const PlainValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** What an audit measured: the facts a recommendation rests on (a finding's cited part). */
export const Evidence = z.object({
  audit_id: z.string(),
  scope: z.enum(['page', 'site']),
  pages: z.array(z.string()),
  /** How many crawled pages the audit applied to, and how many failed it. */
  pages_checked: z.number().int().nonnegative(),
  pages_failing: z.number().int().nonnegative(),
  /** A few offending items exactly as the analyzer reported them. */
  items: z.array(z.unknown()),
  /** Summary values (counts, the score of a site audit). */
  values: z.record(z.string(), PlainValue),
  /** What the audit measured on each failing page (word counts, TTFB and thresholds), first few. */
  measurements: z.array(z.record(z.string(), z.unknown())),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * One failing audit across the site, in the owner's words: what it means, what to do, and the
 * evidence behind it. The one finding type: the strategy engine computes it from a report, the
 * API returns it, the analysis summary counts it, the analyst agent reads it.
 */
export const Finding = Evidence.extend({
  title: z.string(),
  /** The category the audit weighs most in (it may count in others too). */
  category: FindingCategory,
  severity: Severity,
  /** Why it matters, in plain language. */
  explanation: z.string(),
  /** What to do about it. */
  fix: z.string(),
  /** Pages where it failed (for site-wide audits: the pages its items name). */
  pages: z.array(z.string()),
  /** A few offending items (elements, links, measured values), first few only. */
  items: z.array(z.record(z.string(), PlainValue)),
  /** Site-wide score of the audit, 0 (fails everywhere) to 1. */
  score: z.number(),
});
export type Finding = z.infer<typeof Finding>;

/** The cited part of a finding, as a recommendation stores it. */
export function evidenceOf(f: Finding): Evidence {
  return {
    audit_id: f.audit_id,
    scope: f.scope,
    pages: f.pages,
    pages_checked: f.pages_checked,
    pages_failing: f.pages_failing,
    items: f.items,
    values: f.values,
    measurements: f.measurements,
  };
}

import type { PageArtifacts, SiteArtifacts, TextResource } from '../artifacts/types.ts';
import type { AuditId } from '../audit-ids.ts';

/** A row of an audit's details: the offending element, URL or measured value. */
export type AuditItem = Record<string, string | number | boolean | null>;

/** Measured values behind a result; undefined entries are simply absent from the JSON. */
export type Evidence = Record<string, string | number | boolean | null | undefined>;

export interface AuditMeta {
  /** Listed in AUDIT_IDS (audit-ids.ts). */
  id: AuditId;
  /** Title when the audit passes. */
  title: string;
  /** Title when it fails. */
  failureTitle: string;
  /** Why it matters, in plain language for a business owner. */
  description: string;
  /** What to do about a failure. */
  fixHint: string;
  /** Artifacts the audit reads (documentation, and a check in the unit tests). */
  requiredArtifacts: readonly string[];
  /** Informative audits have no pass/fail (score null) and never weigh in a category. */
  informative?: boolean;
  /** Runs on pages that answered 4xx/5xx or failed; other audits are not applicable there. */
  runsOnErrorPages?: boolean;
}

/** What an audit function returns. */
export interface AuditProduct {
  /** 1 pass, 0 fail, between for partial, null when not applicable. */
  score: number | null;
  items?: AuditItem[];
  /** Overrides the default explanation with a specific one. */
  explanation?: string;
  /** Overrides the default fix with one for this site ("Add a page about catering"). */
  fixHint?: string;
  /** A short measured value, e.g. "820 ms" or "3 duplicates". */
  displayValue?: string;
  /** Measured values a strategy engine can cite (numbers, counts, thresholds). */
  evidence?: Evidence;
}

/** Site-wide facts a page audit may read. */
export interface PageContext {
  robotsTxt: TextResource;
  userAgent: string;
  /** The page is the site's start page (after redirects). */
  isHomePage: boolean;
}

export interface PageAudit {
  scope: 'page';
  meta: AuditMeta;
  audit(page: PageArtifacts, context: PageContext): AuditProduct;
}

export interface SiteAudit {
  scope: 'site';
  meta: AuditMeta;
  audit(site: SiteArtifacts): AuditProduct;
}

export type Audit = PageAudit | SiteAudit;

/** The result of one audit as it appears in the report. */
export interface AuditResult {
  id: string;
  title: string;
  score: number | null;
  items: AuditItem[];
  explanation: string;
  fixHint: string;
  displayValue?: string;
  evidence?: Evidence;
  /** Set when the audit itself threw; the score is then null. */
  error?: { code: 'AUDIT_ERROR'; message: string };
}

/** Reads `<meta name=...>` content (lower-cased name), or null when absent. */
export function metaContent(page: PageArtifacts, name: string): string | null {
  const m = page.metas.find((x) => x.name === name || x.property === name);
  return m ? m.content : null;
}

/** Not applicable to pages without a document (errors, PDFs, images). */
export const NO_DOCUMENT: AuditProduct = {
  score: null,
  explanation: 'Not applicable: the URL did not return an HTML document.',
};

/** Not applicable: the owner has told us nothing to compare the site with. */
export const NO_STORY: AuditProduct = {
  score: null,
  explanation: 'Not applicable: no business details were given to compare the site with.',
};

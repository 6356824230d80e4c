/**
 * Every audit's id. A new audit's `meta.id` must be listed here (its meta does not typecheck
 * otherwise), and the list is the union other packages key by: the strategy engine's advice is a
 * mapped type over `AuditId`, so an audit without advice fails the typecheck there.
 */
export const AUDIT_IDS = [
  'broken-links',
  'canonical',
  'crawlable-anchors',
  'document-title',
  'duplicate-meta-description',
  'duplicate-title',
  'h1',
  'hreflang',
  'html-has-lang',
  'http-status-code',
  'https',
  'image-alt',
  'image-size',
  'is-crawlable',
  'link-text',
  'llms-txt',
  'meta-description',
  'mixed-content',
  'open-graph',
  'orphan-pages',
  'redirect-chains',
  'robots-txt',
  'server-response-time',
  'sitemap',
  'social-profiles',
  'structured-data',
  'technology',
  'thin-content',
  'viewport',
  // Judged against the owner's story; not applicable without one.
  'areas-covered',
  'contact-path',
  'local-business-schema',
  'nap-consistency',
  'services-covered',
] as const;

export type AuditId = (typeof AUDIT_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set(AUDIT_IDS);

/** True for the id of an audit this analyzer runs (stored reports may hold ids it dropped). */
export function isAuditId(id: string): id is AuditId {
  return KNOWN.has(id);
}

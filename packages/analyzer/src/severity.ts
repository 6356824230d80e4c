import type { Severity } from '@quento/contracts';
import type { AuditId } from './audit-ids.ts';

/**
 * How much a failing audit matters to a small business, per audit id: the one place severity is
 * defined. Findings carry it, the analysis summary counts by it and the strategy engine takes it
 * as the impact of its advice. A new audit must be given one (the map is keyed by AuditId);
 * `null` marks an informative audit, which never fails.
 */
export const SEVERITY: { readonly [K in AuditId]: Severity | null } = {
  'broken-links': 'high',
  canonical: 'medium',
  'crawlable-anchors': 'medium',
  'document-title': 'high',
  'duplicate-meta-description': 'low',
  'duplicate-title': 'medium',
  h1: 'medium',
  hreflang: 'low',
  'html-has-lang': 'low',
  'http-status-code': 'high',
  https: 'high',
  'image-alt': 'medium',
  'image-size': 'medium',
  'is-crawlable': 'high',
  'link-text': 'low',
  'llms-txt': 'low',
  'meta-description': 'medium',
  'mixed-content': 'medium',
  'open-graph': 'medium',
  'orphan-pages': 'low',
  'redirect-chains': 'medium',
  'robots-txt': 'medium',
  'server-response-time': 'high',
  sitemap: 'medium',
  'social-profiles': 'medium',
  'structured-data': 'medium',
  technology: null,
  'thin-content': 'high',
  viewport: 'high',
  'areas-covered': 'medium',
  'contact-path': 'high',
  'local-business-schema': 'medium',
  'nap-consistency': 'high',
  'services-covered': 'high',
};

import type { AuditId } from './audit-ids.ts';

/**
 * Which audits count towards which category, and how much (Lighthouse's default-config). An audit
 * may count in several categories. Not-applicable (null) audits weigh zero in the mean.
 */
export type CategoryId = 'seo' | 'content' | 'performance' | 'social' | 'technical';

export interface CategoryConfig {
  title: string;
  /** Weight of the category in the overall score. */
  weight: number;
  auditRefs: readonly { id: AuditId; weight: number }[];
}

export const CONFIG: { categories: Record<CategoryId, CategoryConfig> } = {
  categories: {
    seo: {
      title: 'SEO',
      weight: 30,
      auditRefs: [
        { id: 'document-title', weight: 3 },
        { id: 'meta-description', weight: 3 },
        { id: 'http-status-code', weight: 3 },
        { id: 'is-crawlable', weight: 4 },
        { id: 'link-text', weight: 1 },
        { id: 'crawlable-anchors', weight: 1 },
        { id: 'hreflang', weight: 1 },
        { id: 'canonical', weight: 2 },
        { id: 'robots-txt', weight: 2 },
        { id: 'duplicate-title', weight: 2 },
        { id: 'duplicate-meta-description', weight: 1 },
        { id: 'broken-links', weight: 3 },
        { id: 'orphan-pages', weight: 1 },
        { id: 'sitemap', weight: 2 },
        { id: 'structured-data', weight: 2 },
        { id: 'llms-txt', weight: 1 },
        { id: 'nap-consistency', weight: 2 },
        { id: 'local-business-schema', weight: 2 },
        { id: 'areas-covered', weight: 1 },
      ],
    },
    content: {
      title: 'Content',
      weight: 25,
      auditRefs: [
        { id: 'thin-content', weight: 4 },
        { id: 'h1', weight: 2 },
        { id: 'image-alt', weight: 2 },
        { id: 'link-text', weight: 1 },
        { id: 'html-has-lang', weight: 1 },
        { id: 'duplicate-title', weight: 1 },
        { id: 'services-covered', weight: 3 },
        { id: 'areas-covered', weight: 2 },
        { id: 'contact-path', weight: 3 },
        { id: 'nap-consistency', weight: 1 },
      ],
    },
    performance: {
      title: 'Performance',
      weight: 20,
      auditRefs: [
        { id: 'server-response-time', weight: 4 },
        { id: 'redirect-chains', weight: 2 },
        { id: 'image-size', weight: 2 },
      ],
    },
    social: {
      title: 'Social',
      weight: 10,
      auditRefs: [
        { id: 'social-profiles', weight: 3 },
        { id: 'open-graph', weight: 2 },
      ],
    },
    technical: {
      title: 'Technical',
      weight: 15,
      auditRefs: [
        { id: 'https', weight: 4 },
        { id: 'mixed-content', weight: 2 },
        { id: 'viewport', weight: 3 },
        { id: 'html-has-lang', weight: 1 },
        { id: 'http-status-code', weight: 2 },
        { id: 'robots-txt', weight: 1 },
        { id: 'technology', weight: 0 },
      ],
    },
  },
};

import type { PageArtifacts } from '../artifacts/types.ts';
import { metaContent, type SiteAudit } from './audit.ts';
import { duplicateGroups, duplicateProduct } from './duplicate-title.ts';

/** Quento `duplicate-meta-description`: no two pages share a meta description. */
export const duplicateMetaDescription: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'duplicate-meta-description',
    title: 'Pages have unique meta descriptions',
    failureTitle: 'Several pages share the same meta description',
    description:
      'Copy-pasted descriptions make your pages look the same in search results, so fewer people click the one they need.',
    fixHint: 'Write a distinct meta description for each page.',
    requiredArtifacts: ['pages.metas'],
  },
  audit(site) {
    const key = (p: PageArtifacts) => metaContent(p, 'description');
    const checked = site.pages.filter((p) => p.isHtml && p.status < 400 && key(p)?.trim()).length;
    return duplicateProduct(site, duplicateGroups(site, key), checked, 'description');
  },
};

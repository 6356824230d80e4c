import type { PageArtifacts, SiteArtifacts } from '../artifacts/types.ts';
import type { AuditProduct, SiteAudit } from './audit.ts';

/** Groups successful HTML pages by a text key; returns groups with more than one page. */
export function duplicateGroups(
  site: SiteArtifacts,
  key: (p: PageArtifacts) => string | null,
): { value: string; urls: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const page of site.pages) {
    if (!page.isHtml || page.status >= 400) continue;
    const value = key(page)?.trim();
    if (!value) continue;
    const norm = value.toLowerCase().replace(/\s+/g, ' ');
    groups.set(norm, [...(groups.get(norm) ?? []), page.url]);
  }
  return [...groups.entries()]
    .filter(([, urls]) => urls.length > 1)
    .map(([value, urls]) => ({ value, urls }));
}

export function duplicateProduct(
  site: SiteArtifacts,
  groups: { value: string; urls: string[] }[],
  checked: number,
  what: string,
): AuditProduct {
  if (checked < 2)
    return { score: null, explanation: `Not applicable: fewer than two pages have a ${what}.` };
  if (groups.length === 0) return { score: 1, evidence: { pagesChecked: checked } };
  const dupPages = groups.reduce((n, g) => n + g.urls.length, 0);
  return {
    score: Math.round((1 - dupPages / checked) * 100) / 100,
    items: groups.flatMap((g) => g.urls.map((url) => ({ [what]: g.value, url }))),
    displayValue: `${groups.length} duplicate ${what}${groups.length === 1 ? '' : 's'}`,
    explanation: `${dupPages} of ${checked} pages share a ${what} with another page (${groups.length} group${groups.length === 1 ? '' : 's'}).`,
    evidence: {
      pagesChecked: checked,
      duplicatePages: dupPages,
      groups: groups.length,
      site: site.homeUrl,
    },
  };
}

/** Quento `duplicate-title`: no two pages share a title. */
export const duplicateTitle: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'duplicate-title',
    title: 'Pages have unique titles',
    failureTitle: 'Several pages share the same title',
    description:
      'When pages share a title, search engines cannot tell which to show and visitors cannot tell them apart in results.',
    fixHint: 'Give each page its own title that names what is on it.',
    requiredArtifacts: ['pages.titles'],
  },
  audit(site) {
    const key = (p: PageArtifacts) => p.titles[0] ?? null;
    const checked = site.pages.filter((p) => p.isHtml && p.status < 400 && key(p)?.trim()).length;
    return duplicateProduct(site, duplicateGroups(site, key), checked, 'title');
  },
};

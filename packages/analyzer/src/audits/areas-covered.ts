import type { PageArtifacts } from '../artifacts/types.ts';
import { documentPages, homePage, pathOf } from '../computed/site-pages.ts';
import { containsWords, listWords } from '../computed/text-match.ts';
import type { AuditItem, SiteAudit } from './audit.ts';
import { NO_STORY } from './audit.ts';

/** A page about an area: its title, first heading or address names it. */
function isAreaPage(page: PageArtifacts, area: string): boolean {
  const h1 = page.headings.find((h) => h.level === 1)?.text ?? '';
  return (
    containsWords(page.titles[0] ?? '', area) ||
    containsWords(h1, area) ||
    containsWords(pathOf(page.url).replace(/[-_/.]+/g, ' '), area)
  );
}

/**
 * Quento `areas-covered`: each area the owner serves is named on the site, and where they serve
 * several, each has a page of its own (the home page does not count as one).
 */
export const areasCovered: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'areas-covered',
    title: 'Every area you serve is on the site',
    failureTitle: 'Some areas you serve are missing from the site',
    description:
      'People search for a service with a place name ("florist in Beaverton"); an area your site never names, or that has no page of its own, rarely brings customers from there.',
    fixHint:
      'Name every area you serve on the site, and give each one a page that says what you offer there.',
    requiredArtifacts: ['pages.bodyText', 'pages.headings', 'pages.titles'],
  },
  audit(site) {
    const areas = site.story?.serviceAreas ?? [];
    if (areas.length === 0) return NO_STORY;
    const pages = documentPages(site);
    const home = homePage(site);
    const several = areas.length > 1;
    let points = 0;
    const unnamed: string[] = [];
    const withoutPage: string[] = [];
    const items: AuditItem[] = areas.map((area) => {
      const named = pages.find(
        (p) => containsWords(p.bodyText, area) || containsWords(p.titles[0] ?? '', area),
      );
      const own = pages.find((p) => (!several || p !== home) && isAreaPage(p, area));
      if (!named && !own) unnamed.push(area);
      else if (several && !own) withoutPage.push(area);
      points += !named && !own ? 0 : several && !own ? 0.5 : 1;
      return {
        area,
        named: !!(named || own),
        namedOn: (named ?? own)?.url ?? null,
        page: own?.url ?? null,
      };
    });
    const score = points / areas.length;
    const evidence = {
      areas: areas.length,
      named: areas.length - unnamed.length,
      withPage: items.filter((i) => i.page !== null).length,
    };
    if (score === 1)
      return { score, items, displayValue: `${areas.length} of ${areas.length}`, evidence };
    const parts = [
      unnamed.length
        ? `Your site never names ${listWords(unnamed)}, where you told us you work.`
        : '',
      withoutPage.length
        ? `${listWords(withoutPage)} ${withoutPage.length === 1 ? 'has' : 'have'} no page of ${withoutPage.length === 1 ? 'its' : 'their'} own, so people searching there are less likely to find you.`
        : '',
    ].filter(Boolean);
    const fix = [
      unnamed.length ? `Say on your site that you serve ${listWords(unnamed)}.` : '',
      [...unnamed, ...withoutPage].length && several
        ? `Give ${listWords([...unnamed, ...withoutPage])} ${[...unnamed, ...withoutPage].length === 1 ? 'a page' : 'a page each'} saying what you offer there.`
        : '',
    ].filter(Boolean);
    return { score, items, explanation: parts.join(' '), fixHint: fix.join(' '), evidence };
  },
};

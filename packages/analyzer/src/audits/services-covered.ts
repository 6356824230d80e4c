import type { PageArtifacts } from '../artifacts/types.ts';
import { memoize } from '../computed/memoize.ts';
import { documentPages } from '../computed/site-pages.ts';
import { listWords, phraseOccurrences, stems } from '../computed/text-match.ts';
import type { AuditItem, SiteAudit } from './audit.ts';
import { NO_STORY } from './audit.ts';

/** A page's stems by place: a heading or the title says more than a passing mention. */
const pageStems = memoize((page: PageArtifacts) => ({
  title: stems(page.titles[0] ?? ''),
  headings: page.headings.map((h) => stems(h.text)),
  text: stems(page.bodyText),
}));

/** How well a page covers a service: a title or heading about it, then mentions in the text. */
export function coverage(page: PageArtifacts, service: string): { score: number; where: string } {
  const phrase = stems(service);
  const s = pageStems(page);
  const inTitle = phraseOccurrences(phrase, s.title) > 0;
  const inHeading = s.headings.some((h) => phraseOccurrences(phrase, h) > 0);
  const mentions = phraseOccurrences(phrase, s.text);
  const score = (inTitle ? 4 : 0) + (inHeading ? 3 : 0) + Math.min(mentions, 5);
  const where = inHeading ? 'heading' : inTitle ? 'title' : mentions > 0 ? 'text' : '';
  return { score, where };
}

/**
 * Quento `services-covered`: each service the owner named is described on the site, whatever the
 * inflection and word order ("wedding flowers" finds "Weddings: flowers for your day"); for each,
 * the page that covers it best.
 */
export const servicesCovered: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'services-covered',
    title: 'Every service you offer is on the site',
    failureTitle: 'Some services you offer are missing from the site',
    description:
      'Customers and search engines only find you for what your site says you do; a service that is never described brings no enquiries.',
    fixHint:
      'Describe each service you offer on the site, ideally on a page of its own with the service in its heading.',
    requiredArtifacts: ['pages.bodyText', 'pages.headings', 'pages.titles'],
  },
  audit(site) {
    const services = site.story?.services ?? [];
    if (services.length === 0) return NO_STORY;
    const pages = documentPages(site);
    const items: AuditItem[] = services.map((service) => {
      let best: { page: PageArtifacts; score: number; where: string } | null = null;
      for (const page of pages) {
        const c = coverage(page, service);
        if (c.score > 0 && (!best || c.score > best.score)) best = { page, ...c };
      }
      return {
        service,
        covered: best !== null,
        page: best?.page.url ?? null,
        where: best?.where ?? null,
      };
    });
    const missing = items.filter((i) => !i.covered).map((i) => String(i.service));
    const score = (services.length - missing.length) / services.length;
    const evidence = { services: services.length, covered: services.length - missing.length };
    if (missing.length === 0)
      return { score, items, displayValue: `${services.length} of ${services.length}`, evidence };
    return {
      score,
      items,
      explanation: `Your site never mentions ${listWords(missing)}, which you told us you offer.`,
      fixHint: `Add a page or a section about ${listWords(missing)}: what you offer, who it is for and how to order it, with the service in its heading.`,
      displayValue: `${missing.length} missing`,
      evidence: { ...evidence, missing: missing.join(', ') },
    };
  },
};

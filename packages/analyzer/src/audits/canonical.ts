import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

function fail(reason: string, items: Record<string, string>[] = []) {
  return { score: 0, explanation: `The canonical link is wrong: ${reason}.`, items };
}

/** Lighthouse `canonical`: one valid, absolute canonical URL, consistent with the Link header. */
export const canonical: PageAudit = {
  scope: 'page',
  meta: {
    id: 'canonical',
    title: 'Document has a valid `rel=canonical`',
    failureTitle: 'Document does not have a valid `rel=canonical`',
    description:
      'The canonical link tells search engines which URL is the main one when the same content is reachable at several. A wrong canonical can drop the page from search.',
    fixHint:
      'Use a single absolute <link rel="canonical" href="https://..."> pointing at this page’s preferred URL.',
    requiredArtifacts: ['links', 'url'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const canon = page.links.filter((l) => l.rel.split(/\s+/).includes('canonical'));
    if (canon.length === 0) {
      return { score: null, explanation: 'Not applicable: the page declares no canonical URL.' };
    }
    for (const l of canon) {
      let parsed: URL;
      try {
        parsed = new URL(l.href, page.url);
      } catch {
        return fail(`invalid URL (${l.href})`, [{ href: l.href, source: l.source }]);
      }
      if (!/^[a-z][a-z0-9+.-]*:/i.test(l.href)) {
        return fail(`not an absolute URL (${l.href})`, [{ href: l.href, source: l.source }]);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return fail(`invalid URL (${l.href})`, [{ href: l.href, source: l.source }]);
      }
    }
    const distinct = [...new Set(canon.map((l) => new URL(l.href).href))];
    if (distinct.length > 1) {
      const fromHeader = canon.some((l) => l.source === 'header');
      return fail(
        fromHeader ? 'the Link header and the page disagree' : 'multiple conflicting URLs',
        canon.map((l) => ({ href: l.href, source: l.source })),
      );
    }
    const target = new URL(distinct[0] as string);
    const hreflangUrls = page.links
      .filter((l) => l.hreflang !== '' && l.rel.split(/\s+/).includes('alternate'))
      .map((l) => {
        try {
          return new URL(l.href, page.url).href;
        } catch {
          return '';
        }
      });
    const self = new URL(page.url);
    if (hreflangUrls.includes(target.href) && target.href !== self.href) {
      return fail('points to another hreflang location', [{ href: target.href, source: 'head' }]);
    }
    if (target.pathname === '/' && target.search === '' && self.pathname !== '/') {
      return fail('points to the domain root instead of an equivalent page', [
        { href: target.href, source: canon[0]?.source ?? 'head' },
      ]);
    }
    return { score: 1, evidence: { canonical: target.href } };
  },
};

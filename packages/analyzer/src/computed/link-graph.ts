import { isSameSite, normalizeUrl } from '@quento/url';
import type { SiteArtifacts } from '../artifacts/types.ts';
import { memoize } from './memoize.ts';

export interface LinkGraph {
  /** Normalised internal target -> pages (final URLs) that link to it. */
  inbound: Map<string, Set<string>>;
}

/** Internal links of every crawled page, resolved and normalised once per site. */
export const linkGraph = memoize((site: SiteArtifacts): LinkGraph => {
  const inbound = new Map<string, Set<string>>();
  for (const page of site.pages) {
    for (const a of page.anchors) {
      if (!a.href || !isSameSite(a.href, site.homeUrl)) continue;
      const target = normalizeUrl(a.href);
      if (!target) continue;
      let set = inbound.get(target);
      if (!set) {
        set = new Set();
        inbound.set(target, set);
      }
      set.add(page.url);
    }
  }
  return { inbound };
});

/** Outcome of fetching a URL during the crawl, looked up by normalised URL. */
export function fetchedOutcome(site: SiteArtifacts, url: string) {
  const key = normalizeUrl(url);
  return key ? site.fetched[key] : undefined;
}

import { normalizeUrl } from '@quento/url';
import type { PageArtifacts, SiteArtifacts } from '../artifacts/types.ts';
import { memoize } from './memoize.ts';

/** Pages with a document (HTML that loaded). */
export const documentPages = memoize((site: SiteArtifacts): PageArtifacts[] =>
  site.pages.filter((p) => p.isHtml && p.status < 400 && !p.fetchError),
);

/** The start page after redirects, when it loaded. */
export function homePage(site: SiteArtifacts): PageArtifacts | undefined {
  return documentPages(site).find((p) => p.url === site.homeUrl) ?? documentPages(site)[0];
}

const CONTACT_WORDS = /\b(contact|kontakt|get in touch|find us|visit us|location|impressum)\b/i;

/** A contact page: its path or its title or first heading says so. */
export function isContactPage(page: PageArtifacts): boolean {
  let path = '';
  try {
    path = new URL(page.url).pathname.replace(/[-_/.]+/g, ' ');
  } catch {
    // keep ''
  }
  const h1 = page.headings.find((h) => h.level === 1)?.text ?? '';
  return (
    CONTACT_WORDS.test(path) || CONTACT_WORDS.test(page.titles[0] ?? '') || CONTACT_WORDS.test(h1)
  );
}

/** The home page and the pages it links to (one click away), in that order. */
export const oneClickPages = memoize((site: SiteArtifacts): PageArtifacts[] => {
  const home = homePage(site);
  if (!home) return [];
  const linked = new Set(
    home.anchors.map((a) => (a.href ? normalizeUrl(a.href) : null)).filter((u) => u !== null),
  );
  return [
    home,
    ...documentPages(site).filter((p) => p !== home && linked.has(normalizeUrl(p.url) ?? '')),
  ];
});

/** A page's path for items and explanations ("/contact.html"). */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

import type { AuditItem, SiteAudit } from './audit.ts';
import { metaContent } from './audit.ts';

const NETWORKS: readonly [network: string, host: RegExp][] = [
  ['Facebook', /(^|\.)(facebook\.com|fb\.com)$/],
  ['Instagram', /(^|\.)instagram\.com$/],
  ['LinkedIn', /(^|\.)linkedin\.com$/],
  ['X/Twitter', /(^|\.)(twitter\.com|x\.com)$/],
  ['TikTok', /(^|\.)tiktok\.com$/],
  ['YouTube', /(^|\.)(youtube\.com|youtu\.be)$/],
  ['Pinterest', /(^|\.)pinterest\.[a-z.]+$/],
];

// Share buttons and intent links are not profiles.
const SHARE_PATH = /\/(sharer|share|intent|dialog|pin\/create|shareArticle)\b/i;

/** Which network a URL is a profile on, or null. */
export function networkOf(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (SHARE_PATH.test(url.pathname) || url.pathname === '/' || url.pathname === '') return null;
  for (const [network, host] of NETWORKS) if (host.test(url.hostname)) return network;
  return null;
}

/** Quento `social-profiles`: the site links its social profiles and sets social metadata. */
export const socialProfiles: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'social-profiles',
    title: 'Site links social profiles and has social metadata',
    failureTitle: 'Social profiles or social metadata are missing',
    description:
      'Links to your social profiles build trust and let customers follow you; Open Graph and Twitter card tags make shared links look good.',
    fixHint:
      'Link your Facebook, Instagram, LinkedIn (etc.) profiles in the footer and add Open Graph/Twitter card tags.',
    requiredArtifacts: ['pages.anchors', 'pages.metas'],
  },
  audit(site) {
    const seen = new Map<string, { network: string; url: string }>();
    for (const page of site.pages) {
      for (const a of page.anchors) {
        if (!a.href) continue;
        const network = networkOf(a.href);
        const key = a.href.replace(/\/$/, '').toLowerCase();
        if (network && !seen.has(key)) seen.set(key, { network, url: a.href });
      }
    }
    const items: AuditItem[] = [...seen.values()].map(({ network, url }) => ({ network, url }));
    const home = site.pages.find((p) => p.url === site.homeUrl) ?? site.pages[0];
    const hasOg = home ? metaContent(home, 'og:title') !== null : false;
    const hasTwitter = home ? metaContent(home, 'twitter:card') !== null : false;
    if (hasOg) items.push({ network: 'Open Graph', url: home?.url ?? site.homeUrl });
    if (hasTwitter) items.push({ network: 'Twitter card', url: home?.url ?? site.homeUrl });
    const networks = new Set([...seen.values()].map((s) => s.network));
    const score = (networks.size > 0 ? 0.5 : 0) + (hasOg || hasTwitter ? 0.5 : 0);
    const evidence = {
      networks: [...networks].sort().join(', ') || null,
      openGraph: hasOg,
      twitterCard: hasTwitter,
    };
    if (score === 1) return { score, items, displayValue: `${networks.size} networks`, evidence };
    const missing = [
      networks.size === 0 ? 'no links to social profiles' : '',
      hasOg || hasTwitter ? '' : 'no Open Graph or Twitter card metadata on the home page',
    ].filter(Boolean);
    return { score, items, explanation: `Found ${missing.join(' and ')}.`, evidence };
  },
};

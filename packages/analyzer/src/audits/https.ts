import type { PageAudit } from './audit.ts';

/** Quento `https`: the page is served over HTTPS. */
export const https: PageAudit = {
  scope: 'page',
  meta: {
    id: 'https',
    title: 'Uses HTTPS',
    failureTitle: 'Does not use HTTPS',
    description:
      'Browsers mark plain-HTTP pages "Not secure", which scares visitors away, and search engines prefer secure sites.',
    fixHint: 'Install a (free) TLS certificate and redirect all http:// URLs to https://.',
    requiredArtifacts: ['url'],
  },
  audit(page) {
    if (page.url.startsWith('https:')) return { score: 1 };
    return {
      score: 0,
      items: [{ url: page.url }],
      explanation: 'The page is served over plain HTTP, so browsers mark it "Not secure".',
    };
  },
};

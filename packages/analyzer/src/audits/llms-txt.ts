import type { SiteAudit } from './audit.ts';

/** Quento `llms-txt`: an /llms.txt with a title and links, for AI search (llmstxt.org). */
export const llmsTxt: SiteAudit = {
  scope: 'site',
  meta: {
    id: 'llms-txt',
    title: 'Site has an llms.txt for AI search',
    failureTitle: 'Site has no usable llms.txt for AI search',
    description:
      'AI assistants increasingly answer questions about businesses. An llms.txt file gives them a clean summary of who you are and links to your key pages.',
    fixHint:
      'Publish /llms.txt: a "# Business name" title, a one-paragraph summary, and a list of [page](url) links.',
    requiredArtifacts: ['llmsTxt'],
  },
  audit(site) {
    const res = site.llmsTxt;
    if (res.status !== 200 || res.body === null || /^\s*<(!doctype|html)/i.test(res.body)) {
      return {
        score: 0,
        explanation: 'The site has no /llms.txt file.',
        items: [{ url: res.url, status: res.status }],
        evidence: { status: res.status },
      };
    }
    const hasTitle = /^#\s+\S/m.test(res.body);
    const links = res.body.match(/\[[^\]]+\]\([^)\s]+\)/g)?.length ?? 0;
    const evidence = { status: 200, hasTitle, links };
    if (hasTitle && links > 0) return { score: 1, evidence };
    const missing = [hasTitle ? '' : 'a "# Title" line', links > 0 ? '' : 'links to pages'].filter(
      Boolean,
    );
    return {
      score: 0.5,
      items: missing.map((m) => ({ missing: m })),
      explanation: `/llms.txt exists but lacks ${missing.join(' and ')}.`,
      evidence,
    };
  },
};

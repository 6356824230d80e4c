import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

const JS_VOID = /javascript:void(\(|)0(\)|)/;

/** Lighthouse `crawlable-anchors`: links have an href that a crawler can follow. */
export const crawlableAnchors: PageAudit = {
  scope: 'page',
  meta: {
    id: 'crawlable-anchors',
    title: 'Links are crawlable',
    failureTitle: 'Links are not crawlable',
    description:
      'Search engines follow links through their href. Links that only work with JavaScript (no href, "javascript:void(0)") hide the pages behind them from search.',
    fixHint: 'Give every link a real href to the page it opens (<a href="/contact">).',
    requiredArtifacts: ['anchors'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const items = page.anchors
      .filter((a) => {
        const raw = (a.rawHref ?? '').replace(/\s/g, '');
        if (a.role.trim().length > 0) return false;
        if (raw.startsWith('mailto:')) return false;
        if (raw.startsWith('file:')) return true;
        if (a.name.trim().length > 0) return false;
        // An anchor without href is a placeholder unless script makes it act as a link.
        if (a.rawHref === null) return a.onclick.trim().length > 0;
        if (raw === '') return true;
        if (JS_VOID.test(raw)) return true;
        try {
          new URL(raw, 'http://example.com');
        } catch {
          return true;
        }
        return false;
      })
      .map((a) => ({ rawHref: a.rawHref, text: a.text, onclick: a.onclick || null }));
    if (page.anchors.length === 0) {
      return { score: null, explanation: 'Not applicable: the page has no links.' };
    }
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      displayValue: `${items.length} uncrawlable link${items.length === 1 ? '' : 's'}`,
      explanation: `${items.length} link${items.length === 1 ? '' : 's'} cannot be followed by search engines.`,
      evidence: { uncrawlableLinks: items.length },
    };
  },
};

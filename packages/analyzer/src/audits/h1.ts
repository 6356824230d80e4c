import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Quento `h1`: exactly one top-level heading. */
export const h1: PageAudit = {
  scope: 'page',
  meta: {
    id: 'h1',
    title: 'Page has exactly one `<h1>` heading',
    failureTitle: 'Page does not have exactly one `<h1>` heading',
    description:
      'The main heading tells visitors and search engines what the page is about at a glance. Pages need one, and only one.',
    fixHint: 'Give the page a single <h1> that states its topic; use <h2>-<h6> for sections.',
    requiredArtifacts: ['headings'],
  },
  audit(page) {
    if (!page.isHtml) return NO_DOCUMENT;
    const h1s = page.headings.filter((h) => h.level === 1);
    const items = h1s.map((h) => ({ text: h.text }));
    if (h1s.length === 1) return { score: 1, items, evidence: { h1Count: 1 } };
    return {
      score: 0,
      items,
      displayValue: `${h1s.length} <h1>`,
      explanation:
        h1s.length === 0
          ? 'The page has no main (<h1>) heading.'
          : `The page has ${h1s.length} main (<h1>) headings instead of one.`,
      evidence: { h1Count: h1s.length },
    };
  },
};

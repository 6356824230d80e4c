import type { AnchorElement } from '../artifacts/types.ts';
import type { PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

const JS_VOID = /javascript:void(\(|)0(\)|)/;
// Attributes that only make sense on a link with an href (HTML spec, the a element).
const LINK_ATTRIBUTES = ['target', 'download', 'ping', 'rel', 'hreflang', 'type', 'referrerpolicy'];

function isUncrawlable(a: AnchorElement): boolean {
  const raw = (a.rawHref ?? '').replace(/\s/g, '');
  if (a.role.trim().length > 0) return false;
  if (raw.startsWith('mailto:')) return false;
  // <a id="section"> is a fragment target, not a link.
  if (raw === '' && a.id) return false;
  if (raw.startsWith('file:')) return true;
  if (a.name.trim().length > 0) return false;
  if (a.rawHref === null) {
    // Without href and link attributes it is a placeholder, unless script makes it act as a
    // link: a listener on the element itself (one on a parent does not count).
    if (!a.attributeNames.some((n) => LINK_ATTRIBUTES.includes(n))) return a.listeners.length > 0;
    return true;
  }
  if (raw === '') return true;
  if (JS_VOID.test(raw)) return true;
  try {
    new URL(raw, 'http://example.com');
  } catch {
    return true;
  }
  return false;
}

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
    const items = page.anchors.filter(isUncrawlable).map((a) => ({
      rawHref: a.rawHref,
      text: a.text,
      onclick: a.onclick || null,
      listeners: a.listeners.join(', ') || null,
    }));
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

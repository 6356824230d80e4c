import { rawTypes as typesOf } from '../computed/json-ld.ts';
import type { AuditItem, PageAudit } from './audit.ts';
import { NO_DOCUMENT } from './audit.ts';

/** Checks one JSON-LD block; returns its types or the problem. */
function checkBlock(text: string): { types: string[]; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { types: [], problem: `Does not parse: ${(err as Error).message}` };
  }
  const roots = Array.isArray(data) ? data : [data];
  const types: string[] = [];
  for (const root of roots) {
    if (!root || typeof root !== 'object') return { types, problem: 'Not a JSON object' };
    const r = root as Record<string, unknown>;
    if (r['@context'] === undefined) return { types, problem: 'Missing @context' };
    const graph = Array.isArray(r['@graph']) ? (r['@graph'] as unknown[]) : null;
    const own = typesOf(r);
    if (graph) {
      for (const node of graph) {
        const t = typesOf(node);
        if (t.length === 0) return { types, problem: 'A @graph node has no @type' };
        types.push(...t);
      }
    } else if (own.length === 0) {
      return { types, problem: 'Missing @type' };
    }
    types.push(...own);
  }
  return { types };
}

/** Quento `structured-data`: every JSON-LD block parses and has @context and @type. */
export const structuredData: PageAudit = {
  scope: 'page',
  meta: {
    id: 'structured-data',
    title: 'Structured data is valid',
    failureTitle: 'Structured data is missing or invalid',
    description:
      'Structured data (JSON-LD) describes your business, products and reviews in a form search engines and AI assistants read directly; it powers rich results like star ratings and opening hours.',
    fixHint:
      'Add a JSON-LD block with "@context": "https://schema.org" and a "@type" such as LocalBusiness; fix blocks that do not parse.',
    requiredArtifacts: ['jsonLd'],
  },
  audit(page, ctx) {
    if (!page.isHtml || page.status >= 400) return NO_DOCUMENT;
    if (page.jsonLd.length === 0) {
      // The business itself should be described once, on the home page; other pages may omit it.
      if (!ctx.isHomePage)
        return { score: null, explanation: 'Not applicable: no JSON-LD blocks.' };
      return {
        score: 0,
        explanation: 'The home page has no structured data describing the business.',
        evidence: { blocks: 0 },
      };
    }
    const items: AuditItem[] = [];
    const types: string[] = [];
    let invalid = 0;
    page.jsonLd.forEach((text, i) => {
      const r = checkBlock(text);
      types.push(...r.types);
      if (r.problem) invalid++;
      items.push({ block: i + 1, types: r.types.join(', '), problem: r.problem ?? null });
    });
    const evidence = { blocks: page.jsonLd.length, invalid, types: [...new Set(types)].join(', ') };
    if (invalid === 0) return { score: 1, items, displayValue: evidence.types, evidence };
    return {
      score: 0,
      items,
      explanation: `${invalid} of ${page.jsonLd.length} structured data blocks are invalid.`,
      evidence,
    };
  },
};

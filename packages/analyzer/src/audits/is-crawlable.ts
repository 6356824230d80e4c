import { parsedRobots } from '../computed/robots.ts';
import type { AuditItem, PageAudit } from './audit.ts';

// Directives that keep a page out of the index (Lighthouse `is-crawlable`).
const BLOCKING = new Set(['noindex', 'none']);
// The crawler whose view matters most for a business's visibility; Lighthouse checks the generic
// `robots` rules and Googlebot's.
const BOT = 'googlebot';

function blockingDirectives(content: string): string[] {
  const found: string[] = [];
  for (const raw of content.toLowerCase().split(',')) {
    const d = raw.trim();
    if (BLOCKING.has(d)) found.push(d);
    const m = d.match(/^unavailable_after\s*:\s*(.+)$/);
    if (m?.[1]) {
      const when = Date.parse(m[1]);
      if (!Number.isNaN(when) && when < Date.now()) found.push(d);
    }
  }
  return found;
}

/** Splits an X-Robots-Tag value into (user agent or null, directives) rules. */
function headerRules(value: string): { ua: string | null; directives: string }[] {
  return value.split(/,(?=\s*[a-z][\w-]*\s*:(?!\s*\d))/i).map((part) => {
    const m = part.match(/^\s*([a-z][\w-]*)\s*:\s*(.*)$/i);
    if (m?.[1] && m[2] !== undefined && m[1].toLowerCase() !== 'unavailable_after') {
      return { ua: m[1].toLowerCase(), directives: m[2] };
    }
    return { ua: null, directives: part };
  });
}

/** Lighthouse `is-crawlable`: neither meta robots, X-Robots-Tag nor robots.txt block the page. */
export const isCrawlable: PageAudit = {
  scope: 'page',
  meta: {
    id: 'is-crawlable',
    title: 'Page is not blocked from indexing',
    failureTitle: 'Page is blocked from indexing',
    description:
      'Search engines will not list a page that tells them not to index it, or that robots.txt blocks. If this page matters for your business, it is invisible in search.',
    fixHint:
      'Remove "noindex" from the robots meta tag or X-Robots-Tag header, or the Disallow rule in robots.txt, for pages you want found.',
    requiredArtifacts: ['metas', 'headers', 'robotsTxt'],
  },
  audit(page, ctx) {
    const items: AuditItem[] = [];
    for (const meta of page.metas) {
      if (meta.name !== 'robots' && meta.name !== BOT) continue;
      for (const d of blockingDirectives(meta.content)) {
        items.push({ source: `<meta name="${meta.name}">`, directive: d });
      }
    }
    const header = page.headers['x-robots-tag'];
    if (header) {
      for (const rule of headerRules(header)) {
        if (rule.ua !== null && rule.ua !== BOT) continue;
        for (const d of blockingDirectives(rule.directives)) {
          items.push({
            source: 'X-Robots-Tag header',
            directive: rule.ua ? `${rule.ua}: ${d}` : d,
          });
        }
      }
    }
    const robots = parsedRobots(ctx.robotsTxt);
    if (robots?.isDisallowed(page.url, 'Googlebot')) {
      const line = robots.getMatchingLineNumber(page.url, 'Googlebot');
      items.push({ source: 'robots.txt', directive: `Disallow (line ${line})` });
    }
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      explanation: `Search engines are told not to index this page (${items.map((i) => i.source).join(', ')}).`,
    };
  },
};

import type { AuditItem, PageAudit } from './audit.ts';

const DIRECTIVES = new Set([
  'user-agent',
  'disallow',
  'allow',
  'sitemap',
  'crawl-delay',
  'clean-param',
  'host',
  'request-rate',
  'visit-time',
  'noindex',
  'content-signal',
]);

/** Validates robots.txt line by line, with Lighthouse's rules. */
export function validateRobots(content: string): AuditItem[] {
  const errors: AuditItem[] = [];
  let inGroup = false;
  content.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const colon = line.indexOf(':');
    if (colon < 0) {
      errors.push({ line: i + 1, content: raw, message: 'Syntax not understood' });
      return;
    }
    const directive = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (!DIRECTIVES.has(directive)) {
      errors.push({ line: i + 1, content: raw, message: 'Unknown directive' });
      return;
    }
    if (directive === 'user-agent') {
      if (!value) errors.push({ line: i + 1, content: raw, message: 'No user-agent specified' });
      inGroup = true;
    } else if (directive === 'allow' || directive === 'disallow') {
      if (!inGroup) {
        errors.push({ line: i + 1, content: raw, message: 'No user-agent specified' });
      } else if (value && !value.startsWith('/') && !value.startsWith('*')) {
        errors.push({
          line: i + 1,
          content: raw,
          message: 'Pattern should either be empty, start with "/" or "*"',
        });
      } else if (value.includes('$') && value.indexOf('$') !== value.length - 1) {
        errors.push({
          line: i + 1,
          content: raw,
          message: '"$" should only be used at the end of the pattern',
        });
      }
    } else if (directive === 'sitemap') {
      try {
        const u = new URL(value);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      } catch {
        errors.push({ line: i + 1, content: raw, message: 'Invalid sitemap URL' });
      }
    } else if (directive === 'crawl-delay' && !/^\d+(\.\d+)?$/.test(value)) {
      errors.push({ line: i + 1, content: raw, message: 'Invalid crawl-delay value' });
    }
  });
  return errors;
}

/** Lighthouse `robots-txt`: robots.txt is reachable and valid. Evaluated on the start page. */
export const robotsTxt: PageAudit = {
  scope: 'page',
  meta: {
    id: 'robots-txt',
    title: 'robots.txt is valid',
    failureTitle: 'robots.txt is not valid',
    description:
      'robots.txt tells search engines what they may crawl. If it is broken or unreachable they may crawl less of your site, or skip it.',
    fixHint:
      'Fix the listed lines of /robots.txt (or make it reachable); test it in Search Console.',
    requiredArtifacts: ['robotsTxt'],
  },
  audit(_page, ctx) {
    if (!ctx.isHomePage) {
      return { score: null, explanation: 'Checked once for the site, on the start page.' };
    }
    const res = ctx.robotsTxt;
    if (res.status >= 500 || (res.status === 0 && res.error)) {
      return {
        score: 0,
        explanation: `robots.txt could not be fetched (${res.status ? `HTTP ${res.status}` : res.error}).`,
        items: [{ url: res.url, status: res.status }],
        evidence: { status: res.status },
      };
    }
    if (res.status >= 400 || res.body === null) {
      return { score: null, explanation: 'Not applicable: the site has no robots.txt.' };
    }
    const items = validateRobots(res.body);
    if (items.length === 0) return { score: 1 };
    return {
      score: 0,
      items,
      displayValue: `${items.length} error${items.length === 1 ? '' : 's'} found`,
      explanation: `robots.txt has ${items.length} invalid line${items.length === 1 ? '' : 's'}.`,
      evidence: { errors: items.length },
    };
  },
};

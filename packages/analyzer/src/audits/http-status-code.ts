import type { PageAudit } from './audit.ts';

/** Lighthouse `http-status-code`: the page does not answer with a 4xx/5xx status. */
export const httpStatusCode: PageAudit = {
  scope: 'page',
  meta: {
    id: 'http-status-code',
    title: 'Page has a successful HTTP status code',
    failureTitle: 'Page has an unsuccessful HTTP status code',
    description:
      'Pages that answer with an error status (like 404 Not Found or 500 Server Error) are dropped from search results and turn visitors away.',
    fixHint: 'Fix the page or redirect its URL (301) to the closest working page.',
    requiredArtifacts: ['status', 'fetchError'],
    runsOnErrorPages: true,
  },
  audit(page) {
    if (page.fetchError) {
      return {
        score: 0,
        explanation: `The page could not be loaded: ${page.fetchError.message}.`,
        items: [{ url: page.url, status: page.status, error: page.fetchError.code }],
        evidence: { status: page.status, error: page.fetchError.code },
      };
    }
    if (page.status >= 400 && page.status <= 599) {
      return {
        score: 0,
        explanation: `The page answered with HTTP status ${page.status}.`,
        displayValue: String(page.status),
        items: [{ url: page.url, status: page.status }],
        evidence: { status: page.status },
      };
    }
    return { score: 1, displayValue: String(page.status), evidence: { status: page.status } };
  },
};

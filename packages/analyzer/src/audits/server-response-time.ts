import type { PageAudit } from './audit.ts';

export const TTFB_THRESHOLD_MS = 600;

/** Quento `server-response-time`: the server starts answering within 600 ms. */
export const serverResponseTime: PageAudit = {
  scope: 'page',
  meta: {
    id: 'server-response-time',
    title: 'Server responds quickly',
    failureTitle: 'Server responds slowly',
    description:
      'Every visit waits for your server before anything appears. A slow first response makes people leave and counts against you in search rankings.',
    fixHint:
      'Use page caching or a CDN, a faster hosting plan, and fewer heavy plugins; aim for under 600 ms.',
    requiredArtifacts: ['timing'],
  },
  audit(page) {
    if (page.fetchError || page.status === 0) {
      return { score: null, explanation: 'Not applicable: no response was received.' };
    }
    const ttfb = page.timing.ttfbMs;
    const evidence = { ttfbMs: ttfb, thresholdMs: TTFB_THRESHOLD_MS };
    if (ttfb <= TTFB_THRESHOLD_MS) return { score: 1, displayValue: `${ttfb} ms`, evidence };
    return {
      score: 0,
      displayValue: `${ttfb} ms`,
      items: [{ url: page.url, ttfbMs: ttfb }],
      explanation: `The server took ${ttfb} ms to start answering (over ${TTFB_THRESHOLD_MS} ms).`,
      evidence,
    };
  },
};

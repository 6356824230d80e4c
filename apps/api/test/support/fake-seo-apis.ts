import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback stand-ins for Moz Links API v2 and PageSpeed Insights v5 that check credentials and
 * answer in the documented wire formats, so the adapters are exercised over real HTTP.
 */
export interface FakeSeoApis {
  mozBaseUrl: string;
  pagespeedBaseUrl: string;
  requests: {
    path: string;
    method: string;
    auth?: string;
    body?: unknown;
    query?: URLSearchParams;
  }[];
  /** Make the next answers fail with this status. */
  failWith: { moz?: number; pagespeed?: number };
  close(): Promise<void>;
}

export const MOZ_ID = 'mozscape-test-id';
export const MOZ_SECRET = 'mozscape-test-secret';
export const PSI_KEY = 'psi-test-key';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
}

export async function startFakeSeoApis(): Promise<FakeSeoApis> {
  const state: Omit<FakeSeoApis, 'mozBaseUrl' | 'pagespeedBaseUrl' | 'close'> = {
    requests: [],
    failWith: {},
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/moz/v2/url_metrics' && req.method === 'POST') {
      const raw = await readBody(req);
      const auth = req.headers.authorization;
      state.requests.push({
        path: url.pathname,
        method: 'POST',
        auth,
        body: JSON.parse(raw || '{}'),
      });
      const expected = `Basic ${Buffer.from(`${MOZ_ID}:${MOZ_SECRET}`).toString('base64')}`;
      if (auth !== expected)
        return send(401, { name: 'Unauthorized', message: 'Invalid credentials', status: 401 });
      if (state.failWith.moz)
        return send(state.failWith.moz, {
          name: 'Error',
          message: 'Too many requests',
          status: state.failWith.moz,
        });
      const { targets } = JSON.parse(raw) as { targets: string[] };
      return send(200, {
        results: targets.map((t) => ({
          page: t.replace(/^https?:\/\//, ''),
          subdomain: new URL(t).host,
          root_domain: new URL(t).host,
          title: 'Fixture',
          last_crawled: '2026-11-01',
          http_code: 200,
          pages_to_page: 12,
          root_domains_to_root_domain: 34,
          external_pages_to_root_domain: 560,
          domain_authority: 27,
          page_authority: 31,
          spam_score: 2,
        })),
      });
    }
    if (url.pathname === '/psi/v5/runPagespeed' && req.method === 'GET') {
      state.requests.push({ path: url.pathname, method: 'GET', query: url.searchParams });
      if (url.searchParams.get('key') !== PSI_KEY) {
        return send(400, {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
          },
        });
      }
      if (state.failWith.pagespeed) {
        return send(state.failWith.pagespeed, {
          error: {
            code: state.failWith.pagespeed,
            message: 'Lighthouse returned error: FAILED_DOCUMENT_REQUEST',
            status: 'INTERNAL',
          },
        });
      }
      return send(200, {
        id: url.searchParams.get('url'),
        loadingExperience: { overall_category: 'AVERAGE', metrics: {} },
        lighthouseResult: {
          requestedUrl: url.searchParams.get('url'),
          finalUrl: url.searchParams.get('url'),
          lighthouseVersion: '12.2.3',
          categories: { performance: { id: 'performance', title: 'Performance', score: 0.83 } },
          audits: {
            'first-contentful-paint': {
              id: 'first-contentful-paint',
              score: 0.9,
              numericValue: 1234.5678,
              displayValue: '1.2 s',
            },
            'largest-contentful-paint': {
              id: 'largest-contentful-paint',
              score: 0.7,
              numericValue: 2890.1,
              displayValue: '2.9 s',
            },
            'total-blocking-time': { id: 'total-blocking-time', score: 0.95, numericValue: 120 },
            'cumulative-layout-shift': {
              id: 'cumulative-layout-shift',
              score: 1,
              numericValue: 0.0123,
            },
            'speed-index': { id: 'speed-index', score: 0.8, numericValue: 3100 },
          },
        },
        analysisUTCTimestamp: '2026-11-26T00:00:00.000Z',
      });
    }
    send(404, { error: { code: 404, message: 'not found' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    mozBaseUrl: `http://127.0.0.1:${port}/moz/v2`,
    pagespeedBaseUrl: `http://127.0.0.1:${port}/psi/v5`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

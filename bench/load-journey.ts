// One simulated owner's whole journey for bench/load.ts, and what it records per endpoint.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { type FixtureSite, startFixtureSite } from '../apps/api/test/support/fixture-site.ts';

/** Endpoints timed as a whole while a crawl runs: outside the 200 ms p99 target. */
export const SLOW = new Set(['WS /ws/analysis/{id} (until completed)']);

export class Recorder {
  readonly timings = new Map<string, number[]>();
  readonly failures = new Map<string, number>();
  readonly errors = new Map<string, number>();
  sent = 0;
  journeys = 0;

  ok(name: string, ms: number): void {
    const list = this.timings.get(name) ?? [];
    list.push(ms);
    this.timings.set(name, list);
  }

  fail(name: string, why: string): void {
    this.failures.set(name, (this.failures.get(name) ?? 0) + 1);
    const key = `${name}: ${why}`;
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }
}

export interface JourneyOptions {
  bases: string[];
  siteUrl: string;
  maxPages: number;
  /** Mean seconds of thinking over the whole journey; 0 = none (stress). */
  thinkSeconds: number;
  rec: Recorder;
}

// Median pauses (relative weights) before each step, as a person reading and typing would take.
const PAUSES = {
  signUpForm: 12,
  home: 4,
  typeFirst: 12,
  typeSecond: 12,
  enterSite: 8,
  readReport: 18,
  readStrategy: 14,
  openDashboard: 5,
};
const SIGMA = 0.6; // log-normal spread: mean = median * e^(sigma^2 / 2)
const WEIGHT = Object.values(PAUSES).reduce((a, b) => a + b, 0) * Math.exp((SIGMA * SIGMA) / 2);

function normal(): number {
  const u = 1 - Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

/** Waits a log-normal time whose median is this step's share of the journey's thinking. */
function pause(o: JourneyOptions, step: keyof typeof PAUSES): Promise<void> {
  if (o.thinkSeconds <= 0) return Promise.resolve();
  const median = (PAUSES[step] / WEIGHT) * o.thinkSeconds * 1000;
  return new Promise((r) => setTimeout(r, median * Math.exp(SIGMA * normal())));
}

/** A bakery's site on loopback: `pages` linked pages, robots.txt and a sitemap. */
export async function fixtureSite(pages: number): Promise<FixtureSite> {
  const paths = ['/', ...Array.from({ length: pages - 1 }, (_, i) => `/page-${i + 1}`)];
  const nav = paths.map((p) => `<a href="${p}">${p === '/' ? 'Home' : p.slice(1)}</a>`).join(' ');
  const words = Array.from({ length: 300 }, (_, i) => `sourdough${i % 41}`).join(' ');
  const html = (path: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${path === '/' ? 'Home' : path.slice(1)} | Rise Bakery Leeds</title><meta name="description" content="Sourdough bread and pastries baked every morning in Leeds: ${path}."></head><body><header><nav>${nav}</nav></header><main><h1>Rise Bakery ${path}</h1><p>${words}</p></main><footer>Rise Bakery, 1 Market St, Leeds</footer></body></html>`;
  const site = await startFixtureSite(new Map(paths.map((p) => [p, { body: html(p) }])));
  // robots.txt and the sitemap name the site's own address, known once it listens.
  site.pages.set('/robots.txt', {
    headers: { 'content-type': 'text/plain' },
    body: `User-agent: *\nAllow: /\nSitemap: ${site.origin}/sitemap.xml\n`,
  });
  site.pages.set('/sitemap.xml', {
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${site.origin}${p}</loc></url>`).join('')}</urlset>`,
  });
  return site;
}

type Body = Record<string, unknown>;

/** One owner: each request goes to the instance after the one the previous request went to. */
class Client {
  private turn = Math.floor(Math.random() * 2);
  token = '';
  refreshToken = '';
  constructor(private readonly o: JourneyOptions) {}

  base(): string {
    return this.o.bases[this.turn++ % this.o.bases.length]!;
  }

  /** As the app does: an access token that expired (15 min) is renewed once, then the call retried. */
  async call(name: string, path: string, method = 'GET', body?: unknown): Promise<Body | null> {
    const first = await this.send(name, path, method, body, true);
    if (first !== 'expired') return first;
    const renewed = await this.send('POST /auth/refresh', '/auth/refresh', 'POST', {
      refresh_token: this.refreshToken,
    });
    if (!renewed || renewed === 'expired') return null;
    this.token = renewed.access_token as string;
    this.refreshToken = renewed.refresh_token as string;
    const again = await this.send(name, path, method, body);
    return again === 'expired' ? null : again;
  }

  private async send(
    name: string,
    path: string,
    method: string,
    body: unknown,
    mayExpire = false,
  ): Promise<Body | null | 'expired'> {
    const { rec } = this.o;
    const started = performance.now();
    rec.sent += 1;
    try {
      const res = await fetch(`${this.base()}/api/v1${path}`, {
        method,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (res.status === 401 && mayExpire && this.refreshToken) {
        return 'expired';
      }
      if (res.status >= 400) {
        rec.fail(name, `HTTP ${res.status}`);
        return null;
      }
      rec.ok(name, performance.now() - started);
      return text ? (JSON.parse(text) as Body) : {};
    } catch (err) {
      rec.fail(name, (err as Error).message);
      return null;
    }
  }

  /** Follows the analysis over its WebSocket until the result arrives (as the app does). */
  watch(id: string): Promise<boolean> {
    const { rec } = this.o;
    const first = 'WS /ws/analysis/{id} (first message)';
    const whole = 'WS /ws/analysis/{id} (until completed)';
    const started = performance.now();
    rec.sent += 1;
    return new Promise((resolve) => {
      const ws = new WebSocket(`${this.base().replace('http', 'ws')}/ws/analysis/${id}`, [
        'quento.v1',
        `bearer.${this.token}`,
      ]);
      let gotFirst = false;
      let result = false;
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string };
        if (!gotFirst) {
          gotFirst = true;
          rec.ok(first, performance.now() - started);
        }
        if (event.type === 'result') result = true;
      });
      ws.on('error', () => {});
      ws.on('close', (code, reason) => {
        if (!gotFirst) rec.fail(first, `closed ${code}`);
        if (result) rec.ok(whole, performance.now() - started);
        else rec.fail(whole, `closed ${code} ${String(reason)}`);
        resolve(result);
      });
    });
  }
}

export async function journey(o: JourneyOptions): Promise<void> {
  const c = new Client(o);
  await pause(o, 'signUpForm');
  const reg = await c.call('POST /auth/register', '/auth/register', 'POST', {
    email: `load-${randomBytes(6).toString('hex')}@example.com`,
    password: 'load test password',
  });
  c.token = (reg?.access_token as string | undefined) ?? '';
  c.refreshToken = (reg?.refresh_token as string | undefined) ?? '';
  if (!c.token) return;
  // The app's home screen: the account and the rings.
  await c.call('GET /users/me', '/users/me');
  await c.call('GET /users/me/progress', '/users/me/progress');
  await pause(o, 'home');
  const session = await c.call('POST /chat/sessions', '/chat/sessions', 'POST', {});
  const sessionId = session?.id as string | undefined;
  if (!sessionId) return;
  for (const [step, content] of [
    ['typeFirst', 'We are Rise Bakery, a small bakery'],
    ['typeSecond', 'We sell sourdough bread and pastries to people in Leeds'],
  ] as const) {
    await pause(o, step);
    const m = `/chat/sessions/${sessionId}/messages`;
    await c.call('POST /chat/sessions/{id}/messages', m, 'POST', { content });
  }
  await pause(o, 'enterSite');
  const created = await c.call('POST /analysis', '/analysis', 'POST', {
    website_url: o.siteUrl,
    competitors: [],
    options: { max_pages: o.maxPages },
  });
  const id = created?.id as string | undefined;
  if (!id) return;
  // Once, standing for the app's poll while its socket connects; then the socket to the end.
  await c.call('GET /analysis/{id}/status', `/analysis/${id}/status`);
  if (!(await c.watch(id))) return;
  await c.call('GET /analysis/{id}', `/analysis/${id}`);
  await pause(o, 'readReport');
  const strategy = await c.call('POST /strategy/generate', '/strategy/generate', 'POST', {
    analysis_id: id,
  });
  const strategyId = strategy?.id as string | undefined;
  if (!strategyId) return;
  const detail = await c.call('GET /strategy/{id}', `/strategy/${strategyId}`);
  const action = (detail?.action_items as { id: string; version: number }[] | undefined)?.[0];
  await pause(o, 'readStrategy');
  if (action) {
    await c.call('PUT /strategy/{id}/actions', `/strategy/${strategyId}/actions`, 'PUT', {
      actions: [{ id: action.id, version: action.version, status: 'in_progress' }],
    });
  }
  await pause(o, 'openDashboard');
  await c.call('GET /users/me/dashboard', '/users/me/dashboard');
  await c.call('GET /users/me/progress', '/users/me/progress');
  o.rec.journeys += 1;
}

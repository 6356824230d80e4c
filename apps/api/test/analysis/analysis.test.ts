import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AnalysisSocketEvent } from '@quento/contracts';
import { blendScores } from '@quento/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { assertError, bearer, register, type Session, useApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import {
  type FakeSeoApis,
  MOZ_ID,
  MOZ_SECRET,
  PSI_KEY,
  startFakeSeoApis,
} from '../support/fake-seo-apis.ts';
import { bakeryPages, type FixtureSite, page, startFixtureSite } from '../support/fixture-site.ts';
import { dropRedisKeys } from '../support/redis.ts';
import { follow, type WsTranscript, watch } from '../support/ws.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire; the assertions check its shape.
type Json = Record<string, any>;

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const [pglite, postgres] = backends as [(typeof backends)[0], (typeof backends)[0]];

// The same suite on the embedded stack and on the configured one.
const modes = [
  { name: 'PGlite + in-process queue', backend: pglite, env: {} as Record<string, string> },
  {
    name: 'PostgreSQL + BullMQ on Redis',
    backend: postgres,
    env: { REDIS_URL, QUEUE_PREFIX: `quento-test-${randomBytes(4).toString('hex')}` },
  },
];

/** How a followed analysis ended: its last event, or the status it already had when we joined. */
function finalState(t: WsTranscript): unknown {
  const last = t.messages.at(-1);
  return last?.type === 'status' ? last.status : last?.type;
}

let seo: FakeSeoApis;
beforeAll(async () => {
  seo = await startFakeSeoApis();
});
afterAll(() => seo.close());

for (const mode of modes) {
  describe.skipIf(!mode.backend.available)(mode.name, () => {
    // The base app only provides the database; `app` below is the one under test. With BullMQ
    // every app on the same queue prefix would take jobs, so the others run no worker.
    const ctx = useApp(mode.backend, { ...mode.env, RUN_WORKER: 'false' });
    let site: FixtureSite;
    let rival: FixtureSite;
    let app: App;
    let wsBase: string;
    let alice: Session;
    let bob: Session;

    beforeAll(async () => {
      // Third-party providers point at the loopback fakes.
      app = await ctx.extraApp({
        ...mode.env,
        RUN_WORKER: 'true',
        ALLOW_PRIVATE_NETWORKS: 'true',
        MOZ_ACCESS_ID: MOZ_ID,
        MOZ_SECRET_KEY: MOZ_SECRET,
        MOZ_API_URL: seo.mozBaseUrl,
        PAGESPEED_API_KEY: PSI_KEY,
        PAGESPEED_API_URL: seo.pagespeedBaseUrl,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      wsBase = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      site = await startFixtureSite(bakeryPages());
      const rivalPages = bakeryPages();
      rivalPages.set('/', {
        body: page({
          title: 'Rival Bakery',
          description: 'The other bakery in town.',
          h1: 'Rival',
          links: ['/about', '/menu'],
        }),
      });
      rival = await startFixtureSite(rivalPages);
      alice = await register(app);
      bob = await register(app);
    });
    afterAll(async () => {
      await site?.close();
      await rival?.close();
      if (mode.env.QUEUE_PREFIX) await dropRedisKeys(REDIS_URL, mode.env.QUEUE_PREFIX);
    });

    const create = (
      s: Session,
      payload: Record<string, unknown>,
      headers: Record<string, string> = {},
    ) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/analysis',
        headers: { ...bearer(s.access), ...headers },
        payload,
      });

    async function analyse(s: Session, payload: Record<string, unknown>) {
      const res = await create(s, payload);
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json().id as string;
      const transcript = await follow(`${wsBase}/ws/analysis/${id}`, s.access);
      return { id, transcript, created: res.json() };
    }

    let firstId: string;

    it('runs an analysis and streams its progress over the WebSocket to the result', async () => {
      const { id, transcript, created } = await analyse(alice, {
        website_url: site.url,
        competitors: [rival.url],
        options: { max_pages: 10 },
      });
      firstId = id;
      expect(created).toMatchObject({
        status: 'pending',
        progress: 0,
        website_url: site.url,
        competitors: [rival.url],
      });
      const types = transcript.messages.map((m) => m.type);
      expect(types[0]).toBe('status');
      expect(types).toContain('progress');
      expect(types.slice(-2)).toEqual(['completed', 'result']);
      expect(transcript.code).toBe(1000);
      const progress = transcript.messages
        .filter((m) => m.type === 'progress')
        .map((m) => m.progress as number);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      const result = transcript.messages.at(-1)!.analysis as Json;
      expect(result.status).toBe('completed');
      expect(result.progress).toBe(100);
      expect(AnalysisSocketEvent.array().safeParse(transcript.messages).error).toBeUndefined();
      expect(result.findings.map((f: Json) => f.audit_id)).toContain('meta-description');
      expect(
        result.results.pages.map((p: { url: string }) => new URL(p.url).pathname).sort(),
      ).toEqual(['/', '/about', '/menu']);

      const summary = result.summary;
      expect(summary.pages_analyzed).toBe(3);
      expect(summary.scores.overall).toBeGreaterThan(0);
      expect(summary.top_findings.map((f: { audit_id: string }) => f.audit_id)).toContain(
        'thin-content',
      );
      expect(
        summary.findings.high + summary.findings.medium + summary.findings.low,
      ).toBeGreaterThanOrEqual(3);
      const home = result.results.pages.find((p: { url: string }) => p.url === site.url);
      expect(home.audits['meta-description'].score).toBe(0);
      // Discover decided by itself: the bakery's HTML has content, so it was read statically.
      expect([home.mode, home.modeReason]).toEqual(['static', 'static-html']);
      // The competitor was analysed with the same audits and compared score by score.
      expect(summary.competitors).toHaveLength(1);
      expect(summary.competitors[0]).toMatchObject({ url: rival.url, status: 'completed' });
      expect(summary.competitors[0].audits_they_pass).toContain('meta-description');
      // Third-party data from both providers, through their wire formats.
      expect(summary.external.map((e: { provider: string }) => e.provider).sort()).toEqual([
        'moz',
        'pagespeed',
      ]);
      expect(result.previous_analysis_id).toBeNull();
    });

    it('reports status and details over HTTP', async () => {
      const status = await app.inject({
        url: `/api/v1/analysis/${firstId}/status`,
        headers: bearer(alice.access),
      });
      expect(status.json()).toMatchObject({
        id: firstId,
        status: 'completed',
        progress: 100,
        pages_done: 3,
      });
      const detail = await app.inject({
        url: `/api/v1/analysis/${firstId}`,
        headers: bearer(alice.access),
      });
      // The summary's scores blend in the PageSpeed and Moz figures (the engine's blendScores);
      // the stored report keeps the analyzer's own.
      const { results, summary } = detail.json();
      expect(summary.scores).toMatchObject(blendScores(results.scores, results.external));
      expect(summary.scores.performance).not.toBe(results.scores.performance);
      // The response schema passes the analyzer's per-page read mode through.
      expect(detail.json().results.pages.map((p: { mode: string }) => p.mode)).toEqual([
        'static',
        'static',
        'static',
      ]);
    });

    it('explains each failing audit with its fix, pages and a few items', async () => {
      const detail = await app.inject({
        url: `/api/v1/analysis/${firstId}`,
        headers: bearer(alice.access),
      });
      expect(detail.statusCode).toBe(200);
      const findings = detail.json().findings as Json[];
      const ids = findings.map((f) => f.audit_id);
      expect(ids).toEqual(expect.arrayContaining(['meta-description', 'thin-content']));
      const meta = findings.find((f) => f.audit_id === 'meta-description')!;
      expect(meta).toMatchObject({
        title: 'Document does not have a meta description',
        category: 'seo',
        pages: [site.url],
      });
      expect(meta.explanation).toMatch(/search engines/);
      expect(meta.fix).toMatch(/<meta name="description"/);
      expect(['high', 'medium', 'low']).toContain(meta.severity);
      const thin = findings.find((f) => f.audit_id === 'thin-content')!;
      expect(thin.category).toBe('content');
      expect(thin.pages.map((u: string) => new URL(u).pathname)).toContain('/about');
      // Worst first, and every finding is a failure.
      const scores = findings.map((f) => f.score as number);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(scores.every((x) => x < 1)).toBe(true);
      for (const f of findings) expect(f.items.length).toBeLessThanOrEqual(5);
      // A failing audit the summary counts is one the detail explains.
      const summary = detail.json().summary;
      expect(findings).toHaveLength(
        summary.findings.high + summary.findings.medium + summary.findings.low,
      );
    });

    it('links a re-analysis to the previous one and compares them', async () => {
      site.pages.set('/', {
        body: page({
          title: 'Rise Bakery',
          description: 'Sourdough and pastries baked daily.',
          h1: 'Fresh bread daily',
          links: ['/', '/about', '/menu'],
        }),
      });
      const { id, transcript } = await analyse(alice, {
        website_url: site.url,
        competitors: [],
        options: { max_pages: 10 },
      });
      const result = transcript.messages.at(-1)!.analysis as Json;
      expect(result.previous_analysis_id).toBe(firstId);
      expect(result.results.comparison.previous_analysis_id).toBe(firstId);

      const res = await app.inject({
        url: `/api/v1/analysis/${id}/compare/${firstId}`,
        headers: bearer(alice.access),
      });
      expect(res.statusCode, res.body).toBe(200);
      const cmp = res.json();
      expect(cmp.findings.resolved).toContainEqual({
        audit_id: 'meta-description',
        page: site.url,
      });
      expect(cmp.findings.unchanged).toContainEqual({
        audit_id: 'thin-content',
        page: `${site.origin}/about`,
      });
      expect(cmp.score_deltas.seo).toBeGreaterThan(0);
      // Restore for later tests.
      site.pages.set('/', bakeryPages().get('/')!);
    });

    it('lists analyses with pagination and filters', async () => {
      const all = await app.inject({
        url: '/api/v1/analysis?limit=1',
        headers: bearer(alice.access),
      });
      expect(all.json()).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(all.json().items).toHaveLength(1);
      expect(all.json().items[0]).not.toHaveProperty('results');
      const page2 = await app.inject({
        url: '/api/v1/analysis?limit=1&offset=1',
        headers: bearer(alice.access),
      });
      expect(page2.json().items[0].id).toBe(firstId);
      const bySite = await app.inject({
        url: `/api/v1/analysis?site=${encodeURIComponent(site.origin)}&status=completed`,
        headers: bearer(alice.access),
      });
      expect(bySite.json().total).toBe(2);
      const other = await app.inject({
        url: '/api/v1/analysis?site=elsewhere.example',
        headers: bearer(alice.access),
      });
      expect(other.json().total).toBe(0);
      assertError(
        await app.inject({ url: '/api/v1/analysis?status=bogus', headers: bearer(alice.access) }),
        400,
      );
      expect(
        (await app.inject({ url: '/api/v1/analysis', headers: bearer(bob.access) })).json().total,
      ).toBe(0);
    });

    it('replays an Idempotency-Key and refuses it with another body', async () => {
      const key = `k-${randomBytes(4).toString('hex')}`;
      const body = { website_url: site.url, competitors: [], options: { max_pages: 3 } };
      const a = await create(alice, body, { 'idempotency-key': key });
      const b = await create(alice, body, { 'idempotency-key': key });
      expect(a.statusCode).toBe(202);
      expect(b.statusCode).toBe(202);
      expect(b.json().id).toBe(a.json().id);
      assertError(
        await create(alice, { ...body, options: { max_pages: 4 } }, { 'idempotency-key': key }),
        409,
        'IDEMPOTENCY_KEY_REUSED',
      );
      // Keys are per user: Bob's request with the same key is his own analysis.
      const c = await create(bob, body, { 'idempotency-key': key });
      expect(c.json().id).not.toBe(a.json().id);
      await follow(`${wsBase}/ws/analysis/${a.json().id}`, alice.access);
      await follow(`${wsBase}/ws/analysis/${c.json().id}`, bob.access);
    });

    it('answers 422 with a code for malformed and refused URLs, 400 for wrong shapes', async () => {
      for (const url of ['not a url', 'http://', 'https://exa mple.com/']) {
        assertError(await create(alice, { website_url: url }), 422, 'URL_INVALID');
      }
      assertError(
        await create(alice, { website_url: 'http://no-such-host.invalid/' }),
        422,
        'URL_UNRESOLVABLE',
      );
      // Other schemes are refused like private addresses: the crawler will never fetch them.
      for (const url of ['ftp://example.com/', 'javascript:alert(1)', 'file:///etc/passwd']) {
        assertError(await create(alice, { website_url: url }), 422, 'URL_REFUSED');
      }
      const strict = await ctx.extraApp({
        ...mode.env,
        ALLOW_PRIVATE_NETWORKS: 'false',
        RUN_WORKER: 'false',
      });
      const s = await register(strict);
      for (const url of [
        'http://127.0.0.1/',
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]/',
        'http://10.0.0.1/',
        'http://2130706433/',
      ]) {
        const res = await strict.inject({
          method: 'POST',
          url: '/api/v1/analysis',
          headers: bearer(s.access),
          payload: { website_url: url },
        });
        assertError(res, 422, 'URL_REFUSED');
      }
      const comp = await strict.inject({
        method: 'POST',
        url: '/api/v1/analysis',
        headers: bearer(s.access),
        payload: { website_url: 'http://93.184.216.34/', competitors: ['http://localhost:8080/'] },
      });
      assertError(comp, 422, 'URL_REFUSED');
      expect(comp.json().error.details).toEqual({ field: 'competitors[0]' });
      assertError(await create(alice, { website_url: 42 }), 400, 'VALIDATION_FAILED');
      assertError(await create(alice, {}), 400, 'VALIDATION_FAILED');
      assertError(
        await create(alice, { website_url: site.url, extra: true }),
        400,
        'VALIDATION_FAILED',
      );
      assertError(
        await create(alice, { website_url: site.url, options: { max_pages: 0 } }),
        400,
        'VALIDATION_FAILED',
      );
      assertError(
        await create(alice, { website_url: site.url, competitors: Array(6).fill(site.url) }),
        400,
        'VALIDATION_FAILED',
      );
      // Nothing was created by any of these.
      expect(
        (await app.inject({ url: '/api/v1/analysis', headers: bearer(s.access) })).json().total,
      ).toBe(0);
    });

    it('hides another user’s analysis over HTTP and WebSocket alike', async () => {
      for (const url of [`/api/v1/analysis/${firstId}`, `/api/v1/analysis/${firstId}/status`]) {
        assertError(await app.inject({ url, headers: bearer(bob.access) }), 404, 'NOT_FOUND');
      }
      assertError(
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/analysis/${firstId}`,
          headers: bearer(bob.access),
        }),
        404,
      );
      assertError(
        await app.inject({ url: '/api/v1/analysis/not-a-uuid', headers: bearer(alice.access) }),
        400,
      );
      const ws = await follow(`${wsBase}/ws/analysis/${firstId}`, bob.access);
      expect(ws.code).toBe(4404);
      expect(ws.messages).toEqual([]);
    });

    it('authenticates the WebSocket by first message, and refuses without a valid token', async () => {
      const ok = await follow(`${wsBase}/ws/analysis/${firstId}`, alice.access, 'message');
      expect(ok.messages.map((m) => m.type)).toEqual(['status', 'result']);
      expect((await follow(`${wsBase}/ws/analysis/${firstId}`, 'garbage')).code).toBe(4401);
      expect((await follow(`${wsBase}/ws/analysis/${firstId}`, bob.refresh, 'message')).code).toBe(
        4401,
      );
    });

    it('cancels and deletes a running analysis', async () => {
      const slow = await startFixtureSite(
        new Map(
          Array.from({ length: 8 }, (_, i) => [
            `/${i === 0 ? '' : `p${i}`}`,
            {
              delayMs: 700,
              body: page({ title: `P${i}`, links: Array.from({ length: 8 }, (_, j) => `/p${j}`) }),
            },
          ]),
        ),
      );
      try {
        const res = await create(alice, { website_url: slow.url, competitors: [] });
        const id = res.json().id;
        const watching = watch(`${wsBase}/ws/analysis/${id}`, alice.access);
        await watching.first;
        for (let i = 0; i < 100; i++) {
          const s = await app.inject({
            url: `/api/v1/analysis/${id}/status`,
            headers: bearer(alice.access),
          });
          if (s.json().status === 'running') break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const del = await app.inject({
          method: 'DELETE',
          url: `/api/v1/analysis/${id}`,
          headers: bearer(alice.access),
        });
        expect(del.statusCode).toBe(204);
        const t = await watching.done;
        expect(t.messages.at(-1)).toEqual({ type: 'cancelled', analysis_id: id });
        assertError(
          await app.inject({ url: `/api/v1/analysis/${id}`, headers: bearer(alice.access) }),
          404,
        );
        // The crawl stopped: far fewer pages were fetched than the site has links to.
        const hitsAfterCancel = [...slow.hits.values()].reduce((a, b) => a + b, 0);
        await new Promise((r) => setTimeout(r, 1500));
        expect([...slow.hits.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
          hitsAfterCancel + 4,
        );
      } finally {
        await slow.close();
      }
    });

    it('fails an analysis past its time budget with a clear error', async () => {
      // Its own queue prefix: with BullMQ, `app`'s worker (with the normal budget) must not take the job.
      const tight = await ctx.extraApp({
        ...mode.env,
        QUEUE_PREFIX: `${mode.env.QUEUE_PREFIX ?? 'q'}-tight`,
        RUN_WORKER: 'true',
        ALLOW_PRIVATE_NETWORKS: 'true',
        ANALYSIS_TIME_BUDGET_MS: '1500',
      });
      await tight.listen({ port: 0, host: '127.0.0.1' });
      const hanging = await startFixtureSite(new Map([['/', { delayMs: 60_000, body: 'never' }]]));
      try {
        const s = await register(tight);
        const res = await tight.inject({
          method: 'POST',
          url: '/api/v1/analysis',
          headers: bearer(s.access),
          payload: { website_url: hanging.url },
        });
        const port = (tight.server.address() as AddressInfo).port;
        const t = await follow(`ws://127.0.0.1:${port}/ws/analysis/${res.json().id}`, s.access);
        expect(finalState(t)).toBe('failed');
        const status = await tight.inject({
          url: `/api/v1/analysis/${res.json().id}/status`,
          headers: bearer(s.access),
        });
        expect(status.json().status).toBe('failed');
        expect(status.json().error_message).toBe(
          'The analysis did not finish within its time budget of 2 s.',
        );
      } finally {
        await hanging.close();
      }
    });

    it('refuses to compare analyses that have not completed', async () => {
      const res = await create(alice, { website_url: 'http://127.0.0.1:9/', competitors: [] });
      const id = res.json().id;
      const t = await follow(`${wsBase}/ws/analysis/${id}`, alice.access);
      expect(finalState(t)).toBe('failed');
      assertError(
        await app.inject({
          url: `/api/v1/analysis/${firstId}/compare/${id}`,
          headers: bearer(alice.access),
        }),
        409,
        'ANALYSIS_NOT_COMPLETED',
      );
      assertError(
        await app.inject({
          url: `/api/v1/analysis/${firstId}/compare/${firstId}`,
          headers: bearer(alice.access),
        }),
        400,
      );
    });

    it.runIf(mode.env.REDIS_URL)(
      'streams progress on an API instance other than the one running the job',
      async () => {
        // A second instance with no worker of its own: events reach it over Redis pub/sub.
        const other = await ctx.extraApp({ ...mode.env, RUN_WORKER: 'false' });
        await other.listen({ port: 0, host: '127.0.0.1' });
        const port = (other.server.address() as AddressInfo).port;
        const res = await create(alice, {
          website_url: site.url,
          competitors: [],
          options: { max_pages: 10 },
        });
        const t = await follow(`ws://127.0.0.1:${port}/ws/analysis/${res.json().id}`, alice.access);
        expect(finalState(t)).toBe('result');
        expect(t.messages.at(-1)!.analysis).toMatchObject({
          id: res.json().id,
          status: 'completed',
        });
      },
    );
  });
}

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import {
  bearer,
  deleteAccount,
  forEachBackend,
  listenOnLoopback,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { type FixtureSite, page, startFixtureSite } from '../support/fixture-site.ts';
import { type S3TestServer, startS3 } from '../support/s3.ts';
import { follow } from '../support/ws.ts';

// The home page's screenshot, end to end: rendered by the real Chromium against a loopback site
// (only its origin allowed, so an internal address it embeds stays unreached), stored through the
// file store, served by signed link, and deleted with its analysis and with the account.
const secret = await startFixtureSite(new Map([['/pixel.svg', { body: 'secret' }]]));
const hero =
  '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240"><rect width="640" height="240" fill="#c83c28"/></svg>';
const site: FixtureSite = await startFixtureSite(
  new Map([
    [
      '/',
      {
        body: page({
          title: 'Harbor Bakery',
          description: 'Sourdough baked every morning in Leeds.',
          h1: 'Harbor Bakery',
          extraHead: `<style>img{display:block}</style>`,
        }).replace(
          '<body>',
          `<body><img src="/hero.svg" width="640" height="240" alt="Loaves"><img src="${secret.origin}/pixel.svg" width="1" height="1" alt="">`,
        ),
      },
    ],
    ['/hero.svg', { body: hero, headers: { 'content-type': 'image/svg+xml' } }],
  ]),
);
const s3: S3TestServer = await startS3();
afterAll(async () => {
  await site.close();
  await secret.close();
  await s3.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire; the assertions check its shape.
type Json = Record<string, any>;

forEachBackend((backend) => {
  for (const store of ['local', 's3'] as const) {
    describe(`${store} store`, () => {
      const ctx = useApp(backend, {
        ANALYSIS_SCREENSHOTS: 'true',
        FETCH_ALLOW_ORIGINS: site.origin,
        ...(store === 's3' ? { S3_URL: s3.url } : {}),
      });
      let app: App;
      let base: string;
      let alice: Session;
      let bob: Session;
      let analysis: Json;

      beforeAll(async () => {
        app = ctx.app;
        base = await listenOnLoopback(app);
        alice = await register(app);
        bob = await register(app);
      });

      async function analyse(a: App, s: Session): Promise<Json> {
        const res = await a.inject({
          method: 'POST',
          url: '/api/v1/analysis',
          headers: bearer(s.access),
          payload: { website_url: site.url, competitors: [], options: { max_pages: 3 } },
        });
        expect(res.statusCode, res.body).toBe(202);
        const port = (a.server.address() as AddressInfo).port;
        const t = await follow(`ws://127.0.0.1:${port}/ws/analysis/${res.json().id}`, s.access);
        const result = t.messages.at(-1)?.analysis as Json;
        expect(result.status).toBe('completed');
        return result;
      }
      const getAnalysis = (s: Session, id: string) =>
        fetch(`${base}/api/v1/analysis/${id}`, { headers: bearer(s.access) });

      it('takes the home page’s screenshot and hands it out as a signed link', async () => {
        analysis = await analyse(app, alice);
        // The WebSocket's result already carries a link.
        expect(analysis.screenshot).toMatchObject({
          content_type: 'image/jpeg',
          width: 1280,
          height: 800,
          page_url: site.url,
        });
        const detail = (await (await getAnalysis(alice, analysis.id)).json()) as Json;
        const shot = detail.screenshot;
        expect(new Date(shot.expires_at).getTime()).toBeGreaterThan(Date.now());
        const image = await fetch(shot.url);
        expect(image.status).toBe(200);
        expect(image.headers.get('content-type')).toBe('image/jpeg');
        expect(image.headers.get('content-disposition')).toBe('inline; filename="homepage.jpg"');
        const bytes = new Uint8Array(await image.arrayBuffer());
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        expect(detail.results.screenshot_error).toBeUndefined();
        // Rendered through the SSRF guard: the picture loaded, the internal address did not.
        expect(site.hits.get('/hero.svg')).toBeGreaterThanOrEqual(1);
        expect(secret.hits.size).toBe(0);
        expect(
          (await app.files.list(`users/${alice.userId}/analyses/${analysis.id}/`)).map(
            (f) => f.key,
          ),
        ).toEqual([`users/${alice.userId}/analyses/${analysis.id}/homepage.jpg`]);
      });

      it('another owner cannot read the analysis or its link', async () => {
        expect((await getAnalysis(bob, analysis.id)).status).toBe(404);
      });

      it('deleting the analysis deletes its screenshot; the old link finds nothing', async () => {
        const link = ((await (await getAnalysis(alice, analysis.id)).json()) as Json).screenshot
          .url;
        const res = await fetch(`${base}/api/v1/analysis/${analysis.id}`, {
          method: 'DELETE',
          headers: bearer(alice.access),
        });
        expect(res.status).toBe(204);
        expect(await app.files.list(`users/${alice.userId}/analyses/${analysis.id}/`)).toEqual([]);
        expect((await fetch(link)).status).toBe(404);
      });

      it('a screenshot that cannot be taken never fails the analysis', async () => {
        const noBrowser = await ctx.extraApp({
          ANALYSIS_SCREENSHOTS: 'true',
          FETCH_ALLOW_ORIGINS: site.origin,
          CHROMIUM_PATH: '/nonexistent/chromium',
          ...(store === 's3' ? { S3_URL: s3.url } : {}),
        });
        await noBrowser.listen({ port: 0, host: '127.0.0.1' });
        const done = await analyse(noBrowser, bob);
        expect(done.screenshot).toBeNull();
        expect(done.results.screenshot_error).toMatch(/Chromium/);
        expect(done.summary.pages_analyzed).toBeGreaterThan(0);
      });

      it.runIf(store === 's3')(
        'a store that fails costs the screenshot, not the analysis',
        async () => {
          const before = await app.files.list(`users/${bob.userId}/`);
          await s3.stop();
          let done: Json;
          try {
            done = await analyse(app, bob);
          } finally {
            await s3.start();
          }
          expect(done.status).toBe('completed');
          expect(done.screenshot).toBeNull();
          expect(done.results.screenshot_error).toBe('The screenshot could not be stored.');
          expect(await app.files.list(`users/${bob.userId}/`)).toEqual(before);
        },
      );

      it('turned off, no screenshot is taken', async () => {
        const off = await ctx.extraApp({
          ANALYSIS_SCREENSHOTS: 'false',
          FETCH_ALLOW_ORIGINS: site.origin,
          ...(store === 's3' ? { S3_URL: s3.url } : {}),
        });
        await off.listen({ port: 0, host: '127.0.0.1' });
        const done = await analyse(off, bob);
        expect(done.screenshot).toBeNull();
        expect(done.results.screenshot_error).toBeUndefined();
      });

      it('deleting the account deletes its screenshots', async () => {
        const kept = await analyse(app, alice);
        expect(kept.screenshot).not.toBeNull();
        expect((await app.files.list(`users/${alice.userId}/`)).length).toBe(1);
        const res = await deleteAccount(base, alice);
        expect(res.status).toBe(204);
        expect(await app.files.list(`users/${alice.userId}/`)).toEqual([]);
      });
    });
  }
});

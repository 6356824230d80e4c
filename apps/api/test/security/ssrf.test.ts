import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertError, bearer, register, type Session, useApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { type FakeDns, startFakeDns } from '../support/fake-dns.ts';
import {
  type FixturePage,
  type FixtureSite,
  page,
  startFixtureSite,
} from '../support/fixture-site.ts';
import { follow } from '../support/ws.ts';

// SSRF through POST /analysis and the crawler behind it. Private networks stay refused; only the
// fixture site's own origin is allowed (FETCH_ALLOW_ORIGINS), so the "secret" server, also on
// loopback but on another port, stands for every internal service. One backend: no SQL here.
const pglite = backends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('pglite backend missing');

let site: FixtureSite;
let secret: FixtureSite;
let dns: FakeDns;
const env: Record<string, string> = { RUN_WORKER: 'true' };
beforeAll(async () => {
  secret = await startFixtureSite(new Map([['/', { body: page({ title: 'internal' }) }]]));
  const port = new URL(secret.origin).port;
  // Names whose DNS answers are internal addresses (and one public name that also answers one).
  dns = await startFakeDns({
    'internal.quento.test': { A: ['127.0.0.1'] },
    'v6.quento.test': { AAAA: ['::1'] },
    'metadata.quento.test': { A: ['169.254.169.254'] },
    'ula.quento.test': { AAAA: ['fd00::1'] },
    'mapped.quento.test': { AAAA: ['::ffff:127.0.0.1'] },
    'mixed.quento.test': { A: ['93.184.216.34', '10.0.0.1'] },
  });
  const redirect = (location: string): FixturePage => ({
    status: 302,
    headers: { location },
    body: '',
  });
  site = await startFixtureSite(
    new Map<string, FixturePage>([
      ['/', { body: page({ title: 'Fine', h1: 'Fine', links: ['/about'] }) }],
      ['/about', { body: page({ title: 'About', h1: 'About' }) }],
      ['/to-secret', redirect(`${secret.origin}/steal`)],
      ['/to-metadata', redirect('http://169.254.169.254/latest/meta-data/')],
      ['/to-hex', redirect(`http://0x7f.1:${port}/steal`)],
      ['/to-decimal', redirect(`http://2130706433:${port}/steal`)],
      ['/to-mapped', redirect(`http://[::ffff:127.0.0.1]:${port}/steal`)],
      ['/to-localhost', redirect(`http://localhost:${port}/steal`)],
      ['/to-file', redirect('file:///etc/passwd')],
      ['/to-dns', redirect(`http://internal.quento.test:${port}/steal`)],
      // A page whose script reaches for internal addresses once Chromium runs it; the beacon to
      // its own origin shows the script did run.
      [
        '/app',
        {
          body: page({ title: 'App', h1: 'App' }).replace(
            '</body>',
            `<script>
              fetch('/beacon');
              fetch('${secret.origin}/from-fetch').catch(() => {});
              fetch('http://169.254.169.254/latest/meta-data/').catch(() => {});
              fetch('http://[::1]:${port}/v6').catch(() => {});
              new Image().src = 'http://0x7f.1:${port}/img';
              const x = new XMLHttpRequest(); x.open('GET', '/to-secret'); x.send();
            </script></body>`,
          ),
        },
      ],
      ['/beacon', { body: 'ok', headers: { 'content-type': 'text/plain' } }],
      // Allowed on its own, but every hop is checked: a chain through the site ends refused.
      ['/chain', redirect('/to-secret')],
    ]),
  );
  env.FETCH_ALLOW_ORIGINS = site.origin;
  env.DNS_SERVERS = dns.server;
});
afterAll(async () => {
  await site.close();
  await secret.close();
  await dns.close();
});
const ctx = useApp(pglite, env);

const create = (s: Session, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/analysis', headers: bearer(s.access), payload });

const FORMS = [
  'http://127.0.0.1/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://0x7f.1/',
  'http://0x7f000001/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::1]/',
  'http://0.0.0.0/',
  'http://0/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::ffff:169.254.169.254]/',
  'http://[fd00::1]/',
  'http://[fd00:ec2::254]/',
  'http://[fe80::1]/',
  'http://10.0.0.1/',
  'http://192.168.1.1/',
  'http://100.100.100.200/',
  'http://localhost/',
  'http://app.localhost/',
  'http://[64:ff9b::7f00:1]/',
];

it('every spelling of an internal address is refused before anything is queued', async () => {
  const s = await register(ctx.app);
  for (const url of FORMS) {
    for (const payload of [
      { website_url: url },
      { website_url: site.url, competitors: [url] },
      // The port of an allowed host is part of its origin.
      { website_url: url.replace(/\/$/, `:${new URL(secret.origin).port}/`) },
    ]) {
      const res = await create(s, payload);
      expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(422);
      assertError(res, 422, 'URL_REFUSED');
    }
  }
  for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1/', 'http://user:pw@example.com/']) {
    const res = await create(s, { website_url: url });
    expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  }
  const list = await ctx.app.inject({ url: '/api/v1/analysis', headers: bearer(s.access) });
  expect(list.json().items ?? list.json()).toHaveLength(0);
  expect(secret.hits.size).toBe(0);
});

it('an allowed site redirecting to an internal address: the analysis fails, nothing is fetched', async () => {
  const s = await register(ctx.app);
  if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const ws = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  for (const path of [
    '/to-secret',
    '/to-metadata',
    '/to-hex',
    '/to-decimal',
    '/to-mapped',
    '/to-localhost',
    '/to-file',
    '/to-dns',
    '/chain',
  ]) {
    const res = await create(s, {
      website_url: `${site.origin}${path}`,
      options: { render: false },
    });
    expect(res.statusCode, res.body).toBe(202);
    const t = await follow(`${ws}/ws/analysis/${res.json().id}`, s.access);
    expect(t.reason, path).toBe('failed');
    const failed = t.messages.find((m) => m.type === 'failed') as { error_message?: string };
    expect(failed?.error_message, path).toBeTruthy();
  }
  expect(secret.hits.size).toBe(0);
}, 120_000);

it('the allowed site itself is crawled (so the refusals above are the guard, not the setup)', async () => {
  const s = await register(ctx.app);
  if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const ws = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const res = await create(s, { website_url: site.url, options: { render: false } });
  expect(res.statusCode, res.body).toBe(202);
  const t = await follow(`${ws}/ws/analysis/${res.json().id}`, s.access);
  expect(t.reason).toBe('completed');
  expect(site.hits.get('/about')).toBeGreaterThan(0);
}, 120_000);

it('a rendered page whose script fetches internal addresses: Chromium is blocked on every one', async () => {
  const s = await register(ctx.app);
  if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const ws = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  const res = await create(s, { website_url: `${site.origin}/app`, options: { render: true } });
  expect(res.statusCode, res.body).toBe(202);
  const t = await follow(`${ws}/ws/analysis/${res.json().id}`, s.access);
  expect(t.reason, JSON.stringify(t.messages.at(-1))).toBe('completed');
  expect(site.hits.get('/beacon')).toBeGreaterThan(0);
  expect(secret.hits.size).toBe(0);
}, 120_000);

it('a hostname whose DNS answer is internal is refused (the answers come from a DNS server)', async () => {
  const s = await register(ctx.app);
  const port = new URL(secret.origin).port;
  for (const name of ['internal', 'v6', 'metadata', 'ula', 'mapped', 'mixed']) {
    const res = await create(s, { website_url: `http://${name}.quento.test:${port}/` });
    expect(res.statusCode, `${name}: ${res.body}`).toBe(422);
    assertError(res, 422, 'URL_REFUSED');
  }
  // Asked, and judged on the answer: a name the server does not know is another error.
  expect(dns.queries).toContain('metadata.quento.test');
  assertError(
    await create(s, { website_url: 'http://nowhere.quento.test/' }),
    422,
    'URL_UNRESOLVABLE',
  );
  expect(secret.hits.size).toBe(0);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyzerError,
  analyzeSite,
  assertPublicUrl,
  isRefusedAddress,
  refusalReason,
} from '../src/index.ts';
import { Fetcher } from '../src/net/fetcher.ts';
import { type FixtureServer, serveFixture } from './support/fixture-server.ts';

const REFUSED = [
  '10.0.0.1',
  '10.255.255.255',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.1.1',
  '127.0.0.1',
  '127.255.0.9',
  '169.254.0.1',
  '169.254.169.254',
  '100.64.0.1',
  '100.127.255.255',
  '100.100.100.200',
  '0.0.0.0',
  '0.1.2.3',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '240.0.0.1',
  '192.0.2.1',
  '198.18.0.1',
  '::',
  '::1',
  '[::1]',
  'fe80::1',
  'fe80::1%eth0',
  'fc00::1',
  'fd00:ec2::254',
  'ff02::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:169.254.169.254',
  '::ffff:10.0.0.1',
  '64:ff9b::7f00:1',
  '2002:7f00:1::',
  '::127.0.0.1',
  '2001:db8::1',
  // Numeric IPv4 spellings that URL parsers and fetch accept.
  '2130706433',
  '0x7f000001',
  '0177.0.0.1',
  '127.1',
  '0x7f.1',
  '017700000001',
  '3232235777',
];
const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '100.63.255.255',
  '172.32.0.1',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '2a00:1450::1',
];

describe('refused address forms', () => {
  for (const ip of REFUSED) it(`refuses ${ip}`, () => expect(refusalReason(ip)).not.toBeNull());
  for (const ip of PUBLIC) it(`allows ${ip}`, () => expect(isRefusedAddress(ip)).toBe(false));
  it('refuses things that are not addresses', () =>
    expect(isRefusedAddress('example.com')).toBe(true));
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (err) {
    return err instanceof AnalyzerError ? err.code : `unexpected: ${String(err)}`;
  }
};

describe('assertPublicUrl', () => {
  const resolve = async (host: string) =>
    ({
      'public.test': ['93.184.216.34'],
      'private.test': ['10.1.2.3'],
      'mixed.test': ['93.184.216.34', '192.168.0.10'],
      'v6.test': ['fd12::1'],
    })[host] ?? [];
  it.each([
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fe80::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0:8080/',
    'http://100.64.1.1/',
    'http://[fc00::1]/',
    'http://224.0.0.1/',
    'http://localhost/',
    'http://LOCALHOST./',
  ])('refuses %s', async (url) => expect(await code(assertPublicUrl(url))).toBe('URL_REFUSED'));
  it.each([
    'file:///etc/passwd',
    'ftp://example.com/',
    'gopher://127.0.0.1/',
    'data:text/html,hi',
    'javascript:alert(1)',
    'http://user:pw@example.com/',
  ])('refuses the scheme or form of %s', async (url) =>
    expect(await code(assertPublicUrl(url))).toBe('URL_REFUSED'),
  );
  it('rejects what is not a URL', async () =>
    expect(await code(assertPublicUrl('not a url'))).toBe('URL_INVALID'));
  it('checks every resolved address', async () => {
    expect(await code(assertPublicUrl('http://public.test/', { resolve }))).toBe('OK');
    expect(await code(assertPublicUrl('http://private.test/', { resolve }))).toBe('URL_REFUSED');
    expect(await code(assertPublicUrl('http://mixed.test/', { resolve }))).toBe('URL_REFUSED');
    expect(await code(assertPublicUrl('http://v6.test/', { resolve }))).toBe('URL_REFUSED');
  });
  it('reports hosts that do not resolve', async () =>
    expect(await code(assertPublicUrl('http://nowhere.test/', { resolve }))).toBe(
      'HOST_NOT_FOUND',
    ));
  it('is lifted by allowPrivate', async () =>
    expect(await code(assertPublicUrl('http://127.0.0.1/', { allowPrivate: true }))).toBe('OK'));
});

describe('redirects and connections are checked hop by hop', () => {
  let site: FixtureServer;
  let secret: FixtureServer;
  beforeAll(async () => {
    secret = await serveFixture(null);
    site = await serveFixture('ssrf', { SECRET: secret.origin, SECRET_PORT: String(secret.port) });
  });
  afterAll(async () => {
    await site.close();
    await secret.close();
  });

  it('refuses a start URL on a private address without allowPrivate', async () => {
    expect(await code(analyzeSite({ url: `${site.origin}/` }))).toBe('URL_REFUSED');
    expect(site.hits.size).toBe(0);
  });

  it('refuses an allowed start URL that redirects to a refused address', async () => {
    for (const path of ['/go-secret', '/go-metadata', '/go-hex']) {
      expect(
        await code(analyzeSite({ url: `${site.origin}${path}`, allowOrigins: [site.origin] })),
      ).toBe('URL_REFUSED');
    }
    expect(secret.hits.size).toBe(0);
  });

  it('turns internal links that redirect to refused addresses into refused link outcomes', async () => {
    const report = await analyzeSite({ url: `${site.origin}/`, allowOrigins: [site.origin] });
    expect(report.pages.map((p) => p.url)).toEqual([`${site.origin}/`, `${site.origin}/fine.html`]);
    const broken = report.site.audits['broken-links']?.items.map((i) => [i.url, i.error]);
    expect(broken).toEqual([
      [`${site.origin}/go-secret`, 'URL_REFUSED'],
      [`${site.origin}/go-metadata`, 'URL_REFUSED'],
    ]);
    expect(secret.hits.size).toBe(0);
  });

  it('follows the same redirect when private networks are allowed (the check is what stops it)', async () => {
    const f = new Fetcher({
      policy: { allowPrivate: true },
      userAgent: 't',
      requestTimeoutMs: 5000,
      maxBytes: 1e6,
    });
    const r = await f.fetch(`${site.origin}/go-secret`);
    await f.close();
    expect(r.status).toBe(200);
    expect(r.redirects).toHaveLength(1);
    expect(secret.hits.get('/steal')).toBe(1);
    secret.hits.clear();
  });

  it('an allowed hostname redirecting to a refused hostname is refused (injected resolver)', async () => {
    const resolve = async (host: string) =>
      host === 'allowed.test' || host === 'localhost' ? ['127.0.0.1'] : [];
    const allowed = `http://allowed.test:${site.port}`;
    const report = await analyzeSite({ url: `${allowed}/`, allowOrigins: [allowed], resolve });
    expect(report.pages[0]?.status).toBe(200);
    expect(
      await code(
        analyzeSite({ url: `http://localhost:${site.port}/`, allowOrigins: [allowed], resolve }),
      ),
    ).toBe('URL_REFUSED');
  });

  it('re-checks the address at connect time (DNS rebinding)', async () => {
    let calls = 0;
    // First answer passes the pre-flight check, the second (the socket's own lookup) is private.
    const resolve = async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const f = new Fetcher({
      policy: { allowPrivate: false, resolve },
      userAgent: 't',
      requestTimeoutMs: 5000,
      maxBytes: 1e6,
    });
    const r = await f.fetch(`http://rebind.test:${site.port}/rebind-probe`);
    await f.close();
    expect(r.error?.code).toBe('URL_REFUSED');
    expect(calls).toBe(2);
    expect(site.hits.get('/rebind-probe')).toBeUndefined();
  });
});

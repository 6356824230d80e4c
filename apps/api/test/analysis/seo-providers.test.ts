import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collectExternalSeo,
  MozProvider,
  PageSpeedProvider,
  providersFromSettings,
} from '../../src/modules/analysis/providers/index.ts';
import {
  type FakeSeoApis,
  MOZ_ID,
  MOZ_SECRET,
  PSI_KEY,
  startFakeSeoApis,
} from '../support/fake-seo-apis.ts';

let fake: FakeSeoApis;
beforeAll(async () => {
  fake = await startFakeSeoApis();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.failWith = {};
});

describe('Moz Links API adapter', () => {
  it('posts the target with Basic auth and maps url_metrics', async () => {
    const moz = new MozProvider({
      accessId: MOZ_ID,
      secretKey: MOZ_SECRET,
      baseUrl: fake.mozBaseUrl,
    });
    const r = await moz.fetch('https://shop.test/');
    expect(fake.requests[0]!.body).toEqual({ targets: ['https://shop.test/'] });
    expect(r).toEqual({
      provider: 'moz',
      url: 'https://shop.test/',
      metrics: {
        domain_authority: 27,
        page_authority: 31,
        spam_score: 2,
        linking_root_domains: 34,
        external_links_to_domain: 560,
        links_to_page: 12,
        last_crawled: '2026-11-01',
      },
    });
  });

  it('reports bad credentials with the provider’s message and never the secret', async () => {
    const moz = new MozProvider({ accessId: MOZ_ID, secretKey: 'wrong', baseUrl: fake.mozBaseUrl });
    const err = await moz.fetch('https://shop.test/').catch((e: Error) => e);
    expect(err).toMatchObject({
      name: 'ProviderError',
      status: 401,
      message: 'moz: Invalid credentials',
    });
    expect(String(err)).not.toContain('wrong');
  });
});

describe('PageSpeed Insights adapter', () => {
  it('asks for the performance category and maps lab metrics', async () => {
    const psi = new PageSpeedProvider({ apiKey: PSI_KEY, baseUrl: fake.pagespeedBaseUrl });
    const r = await psi.fetch('https://shop.test/');
    const q = fake.requests[0]!.query!;
    expect(q.get('url')).toBe('https://shop.test/');
    expect(q.get('category')).toBe('PERFORMANCE');
    expect(q.get('strategy')).toBe('mobile');
    expect(r.metrics).toEqual({
      strategy: 'mobile',
      performance_score: 83,
      field_category: 'AVERAGE',
      fcp_ms: 1234.568,
      lcp_ms: 2890.1,
      tbt_ms: 120,
      cls: 0.012,
      speed_index_ms: 3100,
    });
  });

  it('reports Google’s error message', async () => {
    const psi = new PageSpeedProvider({ apiKey: 'nope', baseUrl: fake.pagespeedBaseUrl });
    await expect(psi.fetch('https://shop.test/')).rejects.toMatchObject({
      status: 400,
      message: 'pagespeed: API key not valid. Please pass a valid API key.',
    });
  });
});

describe('collectExternalSeo', () => {
  it('uses only configured providers', () => {
    expect(providersFromSettings({})).toEqual([]);
    expect(providersFromSettings({ pagespeedApiKey: 'k' }).map((p) => p.name)).toEqual([
      'pagespeed',
    ]);
    expect(
      providersFromSettings({ mozAccessId: 'a', mozSecretKey: 'b', pagespeedApiKey: 'k' }).map(
        (p) => p.name,
      ),
    ).toEqual(['moz', 'pagespeed']);
  });

  it('keeps the results of healthy providers when one fails', async () => {
    fake.failWith.pagespeed = 500;
    const providers = providersFromSettings({
      mozAccessId: MOZ_ID,
      mozSecretKey: MOZ_SECRET,
      mozBaseUrl: fake.mozBaseUrl,
      pagespeedApiKey: PSI_KEY,
      pagespeedBaseUrl: fake.pagespeedBaseUrl,
    });
    const out = await collectExternalSeo(providers, 'https://shop.test/');
    expect(out.results.map((r) => r.provider)).toEqual(['moz']);
    expect(out.errors).toEqual([
      {
        provider: 'pagespeed',
        message: 'pagespeed: Lighthouse returned error: FAILED_DOCUMENT_REQUEST',
      },
    ]);
  });
});

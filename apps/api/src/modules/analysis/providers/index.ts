import { MozProvider } from './moz.ts';
import { PageSpeedProvider } from './pagespeed.ts';
import type { ExternalSeoResult, SeoDataProvider } from './provider.ts';

export { MozProvider } from './moz.ts';
export { PageSpeedProvider } from './pagespeed.ts';
export { type ExternalSeoResult, ProviderError, type SeoDataProvider } from './provider.ts';

export interface ProviderSettings {
  mozAccessId?: string;
  mozSecretKey?: string;
  mozBaseUrl?: string;
  pagespeedApiKey?: string;
  pagespeedBaseUrl?: string;
}

/** The providers whose keys are set; none is required. */
export function providersFromSettings(s: ProviderSettings): SeoDataProvider[] {
  const list: SeoDataProvider[] = [];
  if (s.mozAccessId && s.mozSecretKey) {
    list.push(
      new MozProvider({
        accessId: s.mozAccessId,
        secretKey: s.mozSecretKey,
        baseUrl: s.mozBaseUrl,
      }),
    );
  }
  if (s.pagespeedApiKey) {
    list.push(new PageSpeedProvider({ apiKey: s.pagespeedApiKey, baseUrl: s.pagespeedBaseUrl }));
  }
  return list;
}

export interface ExternalSeoOutcome {
  results: ExternalSeoResult[];
  errors: { provider: string; message: string }[];
}

/** Asks every provider at once; one failing provider is recorded, never fatal to the analysis. */
export async function collectExternalSeo(
  providers: SeoDataProvider[],
  url: string,
  signal?: AbortSignal,
): Promise<ExternalSeoOutcome> {
  const settled = await Promise.allSettled(providers.map((p) => p.fetch(url, signal)));
  const out: ExternalSeoOutcome = { results: [], errors: [] };
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') out.results.push(s.value);
    else
      out.errors.push({
        provider: providers[i]!.name,
        message: String((s.reason as Error).message),
      });
  });
  return out;
}

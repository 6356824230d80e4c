import {
  type ExternalSeoResult,
  errorMessage,
  ProviderError,
  type SeoDataProvider,
  withTimeout,
} from './provider.ts';

export interface MozOptions {
  accessId: string;
  secretKey: string;
  /** The Links API v2 base; overridable so tests can point it at a loopback fake. */
  baseUrl?: string;
  timeoutMs?: number;
}

interface MozUrlMetrics {
  page?: string;
  root_domain?: string;
  domain_authority?: number;
  page_authority?: number;
  spam_score?: number;
  root_domains_to_root_domain?: number;
  external_pages_to_root_domain?: number;
  pages_to_page?: number;
  last_crawled?: string;
}

/** Moz Links API v2 `url_metrics`: authority, spam score and link counts for the site's root. */
export class MozProvider implements SeoDataProvider {
  readonly name = 'moz' as const;
  constructor(private readonly options: MozOptions) {}

  async fetch(url: string, signal?: AbortSignal): Promise<ExternalSeoResult> {
    const base = this.options.baseUrl ?? 'https://lsapi.seomoz.com/v2';
    const auth = Buffer.from(`${this.options.accessId}:${this.options.secretKey}`).toString(
      'base64',
    );
    const res = await fetch(`${base}/url_metrics`, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({ targets: [url] }),
      signal: withTimeout(signal, this.options.timeoutMs),
    });
    if (!res.ok) throw new ProviderError('moz', res.status, await errorMessage(res));
    const body = (await res.json()) as { results?: MozUrlMetrics[] };
    const m = body.results?.[0];
    if (!m) throw new ProviderError('moz', 502, 'response had no results');
    return {
      provider: 'moz',
      url,
      metrics: {
        domain_authority: m.domain_authority ?? null,
        page_authority: m.page_authority ?? null,
        spam_score: m.spam_score ?? null,
        linking_root_domains: m.root_domains_to_root_domain ?? null,
        external_links_to_domain: m.external_pages_to_root_domain ?? null,
        links_to_page: m.pages_to_page ?? null,
        last_crawled: m.last_crawled ?? null,
      },
    };
  }
}

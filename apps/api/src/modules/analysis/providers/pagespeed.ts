import {
  type ExternalSeoResult,
  errorMessage,
  ProviderError,
  type SeoDataProvider,
  withTimeout,
} from './provider.ts';

export interface PageSpeedOptions {
  apiKey: string;
  baseUrl?: string;
  strategy?: 'mobile' | 'desktop';
  timeoutMs?: number;
}

interface LighthouseAudit {
  score?: number | null;
  numericValue?: number;
}

interface PsiResponse {
  lighthouseResult?: {
    categories?: { performance?: { score?: number | null } };
    audits?: Record<string, LighthouseAudit | undefined>;
  };
  loadingExperience?: { overall_category?: string };
}

const LAB_METRICS: Record<string, string> = {
  'first-contentful-paint': 'fcp_ms',
  'largest-contentful-paint': 'lcp_ms',
  'total-blocking-time': 'tbt_ms',
  'cumulative-layout-shift': 'cls',
  'speed-index': 'speed_index_ms',
};

/** Google PageSpeed Insights v5 `runPagespeed`: Lighthouse lab metrics and field data. */
export class PageSpeedProvider implements SeoDataProvider {
  readonly name = 'pagespeed' as const;
  constructor(private readonly options: PageSpeedOptions) {}

  async fetch(url: string, signal?: AbortSignal): Promise<ExternalSeoResult> {
    const base = this.options.baseUrl ?? 'https://www.googleapis.com/pagespeedonline/v5';
    const q = new URLSearchParams({
      url,
      key: this.options.apiKey,
      strategy: this.options.strategy ?? 'mobile',
      category: 'PERFORMANCE',
    });
    // PageSpeed runs a full Lighthouse pass remotely; it routinely takes tens of seconds.
    const res = await fetch(`${base}/runPagespeed?${q}`, {
      signal: withTimeout(signal, this.options.timeoutMs ?? 90_000),
    });
    if (!res.ok) throw new ProviderError('pagespeed', res.status, await errorMessage(res));
    const body = (await res.json()) as PsiResponse;
    const lh = body.lighthouseResult;
    if (!lh) throw new ProviderError('pagespeed', 502, 'response had no lighthouseResult');
    const score = lh.categories?.performance?.score;
    const metrics: ExternalSeoResult['metrics'] = {
      strategy: this.options.strategy ?? 'mobile',
      performance_score: typeof score === 'number' ? Math.round(score * 100) : null,
      field_category: body.loadingExperience?.overall_category ?? null,
    };
    for (const [audit, key] of Object.entries(LAB_METRICS)) {
      const v = lh.audits?.[audit]?.numericValue;
      metrics[key] = typeof v === 'number' ? Math.round(v * 1000) / 1000 : null;
    }
    return { provider: 'pagespeed', url, metrics };
  }
}

/** Data from a third-party SEO service about one site, kept beside our own audits. */
export interface ExternalSeoResult {
  provider: 'moz' | 'pagespeed';
  url: string;
  metrics: Record<string, number | string | null>;
}

/** A third-party SEO data source. Analysis is complete without any; each adds what it knows. */
export interface SeoDataProvider {
  readonly name: ExternalSeoResult['provider'];
  fetch(url: string, signal?: AbortSignal): Promise<ExternalSeoResult>;
}

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    message: string,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderError';
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function withTimeout(signal: AbortSignal | undefined, ms = DEFAULT_TIMEOUT_MS): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** Reads an error body of either provider into one line, without echoing credentials. */
export async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: string; error?: { message?: string } };
    return body.error?.message ?? body.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

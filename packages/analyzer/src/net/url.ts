/** URL helpers for crawling: normalisation for de-duplication and the same-site rule. */

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)$/i;

/**
 * Canonical form used to de-duplicate URLs: no fragment, no tracking parameters, query parameters
 * sorted, no empty query. The URL parser already lower-cases the host and drops default ports.
 */
export function normalizeUrl(input: string | URL, base?: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(String(input), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.search) {
    const params = [...url.searchParams].filter(([k]) => !TRACKING_PARAM.test(k));
    params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    url.search = new URLSearchParams(params).toString();
  }
  return url.href;
}

function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/** Same site: same hostname, treating `www.` and the bare domain as one site; any http(s) port. */
export function isSameSite(a: string | URL, b: string | URL): boolean {
  try {
    const ua = new URL(String(a));
    const ub = new URL(String(b));
    return bareHost(ua.hostname) === bareHost(ub.hostname) && ua.port === ub.port;
  } catch {
    return false;
  }
}

/** Resolves an href against a base, returning null for non-http(s) or unparsable values. */
export function resolveHref(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The one URL module: parsing what people type, the keys URLs are compared by, and hosts, origins
 * and registrable domains (tldts, the Public Suffix List). The analyzer, the strategy engine and
 * the API all read URLs through it; it imports nothing of ours.
 */
import { getDomain, parse as parseHost } from 'tldts';

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)$/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function parse(input: string | URL, base?: string | URL): URL | null {
  try {
    return new URL(String(input), base);
  } catch {
    return null;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** An http(s) URL from what a person typed: without a scheme, https is assumed. Null otherwise. */
export function parseWebAddress(input: string): URL | null {
  const raw = input.trim();
  if (!raw) return null;
  const url = parse(HAS_SCHEME.test(raw) ? raw : `https://${raw}`);
  return url && isHttp(url) ? url : null;
}

/** The host without a leading `www.`, lower-case: `www.Example.com` and `example.com` are one site. */
export function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * Canonical form used to de-duplicate URLs while crawling: no fragment, no credentials, no
 * tracking parameters, query parameters sorted, no empty query. The URL parser already lower-cases
 * the host and drops default ports.
 */
export function normalizeUrl(input: string | URL, base?: string | URL): string | null {
  const url = parse(input, base);
  if (!url || !isHttp(url)) return null;
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

/**
 * Resolves an href against a base; null for non-http(s) (mailto:, javascript:) or junk. The
 * fragment is kept unless `dropFragment` (audits read it; a page fetched is the same without it).
 */
export function resolveHref(
  href: string,
  base: string | URL,
  options: { dropFragment?: boolean } = {},
): string | null {
  const trimmed = href.trim();
  if (!trimmed) return null;
  const url = parse(trimmed, base);
  if (!url || !isHttp(url)) return null;
  if (options.dropFragment) url.hash = '';
  return url.href;
}

/** Same site: same hostname, treating `www.` and the bare domain as one site; same port. */
export function isSameSite(a: string | URL, b: string | URL): boolean {
  const ua = parse(a);
  const ub = parse(b);
  return !!ua && !!ub && bareHost(ua.hostname) === bareHost(ub.hostname) && ua.port === ub.port;
}

/**
 * The key a page is compared by across analyses: no fragment, no trailing slash, host
 * lower-case. Unparsable input is its own key.
 */
export function pageKey(raw: string): string {
  const u = parse(raw);
  if (!u) return raw;
  u.hash = '';
  let path = u.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`;
}

/**
 * Which site an address is of, so that a re-analysis finds its predecessor: the host, lower-case,
 * without `www.`, with a non-default port. Null when it is not an address.
 */
export function siteKey(input: string): string | null {
  const url = parseWebAddress(input);
  if (!url) return null;
  return `${bareHost(url.hostname)}${url.port ? `:${url.port}` : ''}`;
}

/**
 * `scheme://host:port` with `www.` dropped and the default port written out: the unit a scope of
 * allowed sites is made of (another port of the same host is another site).
 */
export function originKey(input: string | URL): string | null {
  const u = parse(input);
  if (!u || !isHttp(u)) return null;
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.protocol}//${bareHost(u.hostname)}:${port}`;
}

/** The host (with a non-default port) of a URL for a person to read; the input when unparsable. */
export function displayHost(input: string): string {
  return parse(input)?.host ?? input;
}

/**
 * The registrable domain (`shop.example.co.uk` gives `example.co.uk`), from the Public Suffix List;
 * null for IP addresses, single-label hosts and unparsable input.
 */
export function registrableDomain(input: string | URL): string | null {
  const u = input instanceof URL ? input : parse(input);
  if (!u) return null;
  return getDomain(u.hostname, { allowPrivateDomains: false }) ?? null;
}

/** True when the host ends in a public suffix (`.com`, `.co.uk`), i.e. it can be a public site. */
export function hasPublicSuffix(hostname: string): boolean {
  const host = parseHost(hostname);
  // Unknown suffixes fall under the list's default rule; only a listed one makes a public name.
  return host.domain !== null && host.isIcann === true;
}

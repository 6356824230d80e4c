/**
 * Web addresses in what the owner types: bare domains ending in a public suffix (the Public
 * Suffix List, through @quento/url), any address with a scheme or `www.`, and, where private
 * networks are allowed (ALLOW_PRIVATE_NETWORKS, the flag the crawler's SSRF guard reads),
 * addresses without a public suffix: `localhost`, IP addresses and single-label hosts with a
 * scheme or port.
 */
import { hasPublicSuffix, parseWebAddress } from '@quento/url';

/** The network policy the analysis applies (the crawler's SSRF guard reads the same settings). */
export interface UrlOptions {
  /** ALLOW_PRIVATE_NETWORKS: accept hosts without a public suffix. */
  allowPrivate?: boolean | undefined;
  /** FETCH_ALLOW_ORIGINS: origins (`http://127.0.0.1:8080`) accepted although private. */
  allowOrigins?: readonly string[] | undefined;
}

const URL_RE =
  /(?<![@\w.-])((?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{2,5})?(?:\/[^\s,;<>"')]*)?)/gi;

/** Normalise a URL or bare domain to `https://host[/path]`, or null when it is not one. */
export function normalizeUrl(candidate: string, options: UrlOptions = {}): string | null {
  const raw = candidate.trim().replace(/[.,!?:;]+$/, '');
  const hasScheme = /^https?:\/\//i.test(raw);
  const url = parseWebAddress(raw);
  if (!url) return null;
  const host = url.hostname;
  const privateHost =
    (options.allowPrivate === true && isPrivateHost(host, hasScheme || !!url.port)) ||
    (options.allowOrigins?.includes(url.origin) ?? false);
  if (!privateHost) {
    // A bare name must end in a public suffix ("node.js" is a file); a scheme or `www.` says
    // it is an address whatever its suffix.
    if (!hasScheme && !host.startsWith('www.') && !hasPublicSuffix(host)) return null;
    if (!host.includes('.')) return null;
  }
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${path}${url.search}`;
}

/** Every URL or bare domain in the text, normalised, in order, without duplicates. */
export function extractUrls(text: string, options: UrlOptions = {}): string[] {
  const out: string[] = [];
  // People dictate addresses: "crumbs dot co dot uk".
  const spoken = text.replace(/\s+dot\s+(?=[a-z0-9])/gi, '.');
  const found = [...spoken.matchAll(URL_RE)].map((m) => ({ at: m.index ?? 0, text: m[1] ?? '' }));
  if (options.allowPrivate || options.allowOrigins?.length) {
    for (const m of spoken.matchAll(PRIVATE_URL_RE))
      found.push({ at: m.index ?? 0, text: m[1] ?? '' });
    found.sort((a, b) => a.at - b.at);
  }
  for (const m of found) {
    const u = normalizeUrl(m.text, options);
    if (u && !out.includes(u)) out.push(u);
  }
  return out;
}

/** Addresses a public-suffix pattern misses: `localhost`, IPv4, or any host after a scheme. */
const PRIVATE_URL_RE =
  /(?<![@\w.-])((?:https?:\/\/[a-z0-9.-]+|localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d{2,5})?(?:\/[^\s,;<>"')]*)?)/gi;

/** A host with no public suffix that still names a machine: IP, localhost, or a named host with a scheme or port. */
function isPrivateHost(host: string, explicit: boolean): boolean {
  if (host === 'localhost' || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return true;
  return explicit && /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(host);
}

const COMPETITOR_CUE =
  /\b(?:competitors?|competition|rivals?|compete\s+with|competing\s+with|up\s+against|versus|vs\.?)\b/i;
export const WEBSITE_CUE =
  /\b(?:our|my)\s+(?:web\s*site|site|page|shop|store|url|domain)\b|\bwebsite\b/i;

/** URLs split into the user's own site and competitors by the cue words around them. */
export function classifyUrls(
  text: string,
  options: UrlOptions = {},
): { website?: string; competitors: string[] } {
  const competitors: string[] = [];
  let website: string | undefined;
  // Split into clauses so "our site is a.com, competitors are b.com and c.com" reads right.
  const clauses = text.split(
    /(?<=[.;!?])\s+|\n+|(?=\b(?:competitors?|rivals?|we compete|compete with)\b)/i,
  );
  let inCompetitors = false;
  for (const clause of clauses) {
    if (COMPETITOR_CUE.test(clause)) inCompetitors = true;
    else if (WEBSITE_CUE.test(clause)) inCompetitors = false;
    for (const url of extractUrls(clause, options)) {
      if (inCompetitors) competitors.push(url);
      else if (!website) website = url;
    }
  }
  return { ...(website ? { website } : {}), competitors };
}

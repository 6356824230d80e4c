import { lookup as dnsLookup, promises as dnsPromises } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { AnalyzerError } from '../errors.ts';

/**
 * SSRF guard. A URL is refused when its scheme is not http(s) or when any address its host
 * resolves to is private, loopback, link-local, CGNAT, multicast, unspecified, reserved or a cloud
 * metadata address. The same check runs again inside the socket's DNS lookup (see
 * `guardedLookup`), so a host cannot pass the check and then rebind to another address.
 */
export interface NetworkPolicy {
  /** Lifts the address check entirely (tests, self-hosting). */
  allowPrivate: boolean;
  /**
   * Origins (`http://127.0.0.1:8080`) allowed even though they resolve to private addresses; a
   * narrow exception for a self-hosted site, and how tests prove that everything else is refused.
   */
  allowOrigins?: readonly string[];
  /** Resolves a hostname to addresses; defaults to the system resolver. Injectable for tests. */
  resolve?: (hostname: string) => Promise<string[]>;
}

type Range4 = readonly [base: number, bits: number, reason: string];

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

const REFUSED_V4: readonly Range4[] = [
  [v4(0, 0, 0, 0), 8, 'unspecified ("this network")'],
  [v4(10, 0, 0, 0), 8, 'private (10/8)'],
  [v4(100, 64, 0, 0), 10, 'carrier-grade NAT (100.64/10)'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link-local / cloud metadata'],
  [v4(172, 16, 0, 0), 12, 'private (172.16/12)'],
  [v4(192, 0, 0, 0), 24, 'IETF protocol assignments'],
  [v4(192, 0, 2, 0), 24, 'documentation'],
  [v4(192, 88, 99, 0), 24, '6to4 relay'],
  [v4(192, 168, 0, 0), 16, 'private (192.168/16)'],
  [v4(198, 18, 0, 0), 15, 'benchmarking'],
  [v4(198, 51, 100, 0), 24, 'documentation'],
  [v4(203, 0, 113, 0), 24, 'documentation'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved / broadcast'],
];

/** Parses strict dotted-quad IPv4 into a 32-bit number. */
function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const x = Number(p);
    if (x > 255) return null;
    n = n * 256 + x;
  }
  return n;
}

/** Parses IPv6 (with `::` and an embedded dotted IPv4 tail) into eight 16-bit groups. */
function parseIPv6(input: string): number[] | null {
  let s = input.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIP(s) !== 6) return null;
  const tail = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (tail?.[1]) {
    const n = parseIPv4(tail[1]);
    if (n === null) return null;
    s = `${s.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = s.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function reasonV4(n: number): string | null {
  for (const [base, bits, reason] of REFUSED_V4) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === base) return reason;
  }
  return null;
}

function reasonV6(g: number[]): string | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h6 = 0, h7 = 0] = g;
  const embedded = ((h6 << 16) >>> 0) + h7;
  if (g.every((x) => x === 0)) return 'unspecified (::)';
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0 && h6 === 0 && h7 === 1)
    return 'loopback (::1)';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated forms reach the IPv4 address they carry.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    const r = reasonV4(embedded);
    return r ? `IPv4-mapped ${r}` : null;
  }
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0) return 'IPv4-compatible';
  if (a === 0x64 && b === 0xff9b) {
    const r = reasonV4(embedded);
    return r ? `NAT64 ${r}` : null;
  }
  if (a === 0x2002) {
    const r = reasonV4(((b << 16) >>> 0) + c);
    return r ? `6to4 ${r}` : null;
  }
  if ((a & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((a & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((a & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((a & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  if (a === 0x2001 && b === 0x0db8) return 'documentation (2001:db8::/32)';
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return 'discard (100::/64)';
  if (a === 0x2001 && b < 0x200) return 'IETF protocol assignments (2001::/23)';
  return null;
}

/**
 * Why an IP address is refused, or null when it is public. Accepts IPv6 (bracketed or not, mapped
 * forms included) and IPv4 in any form the WHATWG URL parser accepts (decimal `2130706433`, hex
 * `0x7f000001`, octal `0177.0.0.1`). Anything that is not an address at all is refused.
 */
export function refusalReason(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  if (bare.includes(':')) {
    const groups = parseIPv6(bare);
    return groups ? reasonV6(groups) : 'not an IP address';
  }
  let n = parseIPv4(bare);
  if (n === null) {
    // Numeric shorthands are normalised by the URL parser exactly as a browser or fetch would.
    try {
      n = parseIPv4(new URL(`http://${bare}/`).hostname);
    } catch {
      n = null;
    }
  }
  return n === null ? 'not an IP address' : reasonV4(n);
}

/** True when the address must not be fetched. */
export function isRefusedAddress(ip: string): boolean {
  return refusalReason(ip) !== null;
}

const defaultResolve = (hostname: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => a.address));
    });
  });

/**
 * A `NetworkPolicy.resolve` that asks the given DNS servers (`host` or `host:port`) for A and
 * AAAA records instead of the system resolver: a filtering resolver in production, a DNS server
 * on loopback in tests. The guard judges every address it answers, as with the system's.
 */
export function resolverFor(servers: readonly string[]): (hostname: string) => Promise<string[]> {
  const resolver = new dnsPromises.Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers([...servers]);
  return async (hostname) => {
    const [v4, v6] = await Promise.allSettled([
      resolver.resolve4(hostname),
      resolver.resolve6(hostname),
    ]);
    const addresses = [
      ...(v4.status === 'fulfilled' ? v4.value : []),
      ...(v6.status === 'fulfilled' ? v6.value : []),
    ];
    if (addresses.length === 0) {
      throw v4.status === 'rejected' ? v4.reason : new Error(`No address for ${hostname}`);
    }
    return addresses;
  };
}

function hostIsIpLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/** Parses and validates scheme; throws URL_INVALID. */
export function parseHttpUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new AnalyzerError('URL_INVALID', `Not a valid URL: ${String(input).slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AnalyzerError(
      'URL_REFUSED',
      `Only http and https URLs are allowed, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new AnalyzerError('URL_REFUSED', 'URLs with credentials are not allowed');
  }
  return url;
}

function originAllowed(url: URL, policy: NetworkPolicy): boolean {
  return policy.allowOrigins?.includes(url.origin) ?? false;
}

/**
 * Validates a URL against the policy, resolving its host. Returns the parsed URL and its addresses;
 * throws an AnalyzerError (URL_INVALID, URL_REFUSED, HOST_NOT_FOUND).
 */
export async function checkUrl(
  input: string | URL,
  policy: NetworkPolicy,
): Promise<{ url: URL; addresses: string[] }> {
  const url = parseHttpUrl(input);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (hostIsIpLiteral(host)) {
    addresses = [host];
  } else if (/^(.+\.)?localhost\.?$/i.test(host)) {
    // RFC 6761: localhost names are loopback whatever a resolver says.
    addresses = ['127.0.0.1'];
  } else {
    try {
      addresses = await (policy.resolve ?? defaultResolve)(host);
    } catch (err) {
      throw new AnalyzerError('HOST_NOT_FOUND', `Cannot resolve ${host}`, { cause: err });
    }
    if (addresses.length === 0) {
      throw new AnalyzerError('HOST_NOT_FOUND', `Cannot resolve ${host}`);
    }
  }
  if (!policy.allowPrivate && !originAllowed(url, policy)) {
    for (const address of addresses) {
      const reason = refusalReason(address);
      if (reason) {
        throw new AnalyzerError(
          'URL_REFUSED',
          `Refused ${url.origin}: ${address} is a ${reason} address`,
        );
      }
    }
  }
  return { url, addresses };
}

/** The helper the API reuses to validate a user's URL: resolves DNS and refuses private targets. */
export async function assertPublicUrl(
  url: string,
  options: {
    allowPrivate?: boolean;
    allowOrigins?: NetworkPolicy['allowOrigins'];
    resolve?: NetworkPolicy['resolve'];
  } = {},
): Promise<URL> {
  const { url: parsed } = await checkUrl(url, {
    allowPrivate: options.allowPrivate ?? false,
    allowOrigins: options.allowOrigins,
    resolve: options.resolve,
  });
  return parsed;
}

/**
 * A `lookup` for sockets (undici's connect option, http.request) that applies the policy to the
 * addresses actually connected to, which closes the DNS-rebinding gap between check and connect.
 */
export function guardedLookup(policy: NetworkPolicy): LookupFunction {
  const allowedHosts = new Set(
    (policy.allowOrigins ?? []).map((o) => new URL(o).hostname.replace(/^\[|\]$/g, '')),
  );
  return (hostname, options, callback) => {
    const resolve = policy.resolve ?? defaultResolve;
    resolve(hostname).then(
      (addresses) => {
        if (!policy.allowPrivate && !allowedHosts.has(hostname)) {
          const bad = addresses.find((a) => isRefusedAddress(a));
          if (bad !== undefined || addresses.length === 0) {
            const err = new AnalyzerError('URL_REFUSED', `Refused ${hostname}: resolves to ${bad}`);
            callback(err as NodeJS.ErrnoException, '', 4);
            return;
          }
        }
        const family = options.family === 6 ? 6 : options.family === 4 ? 4 : 0;
        const entries = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((e) => family === 0 || e.family === family);
        if (entries.length === 0) {
          callback(new Error(`No address for ${hostname}`) as NodeJS.ErrnoException, '', 4);
        } else if (options.all) {
          // With `all`, Node's LookupFunction callback takes the address list in the second slot.
          (callback as unknown as (e: null, a: typeof entries) => void)(null, entries);
        } else {
          const first = entries[0]!;
          callback(null, first.address, first.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
}

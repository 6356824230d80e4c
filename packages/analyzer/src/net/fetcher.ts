import { rootCertificates } from 'node:tls';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { AnalyzerError, type AnalyzerErrorCode, toAnalyzerError } from '../errors.ts';
import { checkUrl, guardedLookup, type NetworkPolicy } from './ssrf.ts';

/** One hop of a redirect chain. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/** What one fetch (with its redirects) produced. Failures are data, never exceptions. */
export interface FetchResult {
  requestedUrl: string;
  finalUrl: string;
  /** HTTP status of the final response; 0 when no response arrived. */
  status: number;
  redirects: RedirectHop[];
  /** Final response headers, names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  timing: { ttfbMs: number; totalMs: number };
  sizeBytes: number;
  contentType: string;
  /** Decoded body for text responses (HTML, XML, plain text); null otherwise or on error. */
  body: string | null;
  error?: { code: AnalyzerErrorCode; message: string };
}

export interface FetcherOptions {
  policy: NetworkPolicy;
  userAgent: string;
  requestTimeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** PEM certificates trusted in addition to Node's bundled roots (self-hosting, tests). */
  extraCaCertificates?: readonly string[];
}

const TEXT_TYPES = /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|json|ld\+json))/i;

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function charsetOf(contentType: string): string {
  const m = contentType.match(/charset\s*=\s*"?([\w-]+)/i);
  return m?.[1]?.toLowerCase() ?? 'utf-8';
}

function decode(bytes: Uint8Array, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * HTTP client for the crawler. Redirects are followed by hand so that every hop passes the SSRF
 * check before a connection is made; the dispatcher's lookup checks the connected address again.
 */
export class Fetcher {
  readonly #agent: Agent;
  readonly #opts: FetcherOptions;

  constructor(opts: FetcherOptions) {
    this.#opts = opts;
    this.#agent = new Agent({
      connect: {
        lookup: guardedLookup(opts.policy),
        timeout: opts.requestTimeoutMs,
        // Added to the bundled roots, never replacing them; certificates are always verified.
        ...(opts.extraCaCertificates?.length
          ? { ca: [...rootCertificates, ...opts.extraCaCertificates] }
          : {}),
      },
      headersTimeout: opts.requestTimeoutMs,
      bodyTimeout: opts.requestTimeoutMs,
      keepAliveTimeout: 4_000,
      connections: 16,
    });
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** Fetches a URL following up to `maxRedirects` redirects. Never throws. */
  async fetch(requestedUrl: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') {
    const { requestTimeoutMs, maxBytes, userAgent } = this.#opts;
    const maxRedirects = this.#opts.maxRedirects ?? 10;
    const started = performance.now();
    const result: FetchResult = {
      requestedUrl,
      finalUrl: requestedUrl,
      status: 0,
      redirects: [],
      headers: {},
      timing: { ttfbMs: 0, totalMs: 0 },
      sizeBytes: 0,
      contentType: '',
      body: null,
    };
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const signal = this.#opts.signal ? AbortSignal.any([this.#opts.signal, timeout]) : timeout;
    let current = requestedUrl;
    try {
      for (let hop = 0; ; hop++) {
        await checkUrl(current, this.#opts.policy);
        const hopStart = performance.now();
        const res = await request(current, {
          method: 'GET',
          dispatcher: this.#agent,
          headers: { 'user-agent': userAgent, accept, 'accept-encoding': 'gzip, deflate, br' },
          signal,
        });
        const headers = flattenHeaders(res.headers);
        const location = headers.location;
        if (res.statusCode >= 300 && res.statusCode < 400 && location) {
          await res.body.dump();
          const next = new URL(location, current).href;
          result.redirects.push({ url: current, status: res.statusCode, location: next });
          if (hop >= maxRedirects) {
            throw new AnalyzerError('TOO_MANY_REDIRECTS', `More than ${maxRedirects} redirects`);
          }
          current = next;
          continue;
        }
        result.finalUrl = current;
        result.status = res.statusCode;
        result.headers = headers;
        result.timing.ttfbMs = Math.round(performance.now() - hopStart);
        result.contentType = headers['content-type'] ?? '';
        const declared = Number(headers['content-length'] ?? Number.NaN);
        if (declared > maxBytes) {
          await res.body.dump({ limit: 0 }).catch(() => undefined);
          throw new AnalyzerError('RESPONSE_TOO_LARGE', `Declared ${declared} bytes`);
        }
        if (!TEXT_TYPES.test(result.contentType) && result.contentType !== '') {
          // Binary resources are only checked for status; their bodies are never read in full.
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          result.sizeBytes = Number.isFinite(declared) ? declared : 0;
          break;
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const chunk of res.body) {
          const buf = chunk as Uint8Array;
          size += buf.byteLength;
          if (size > maxBytes) {
            res.body.destroy();
            throw new AnalyzerError('RESPONSE_TOO_LARGE', `More than ${maxBytes} bytes`);
          }
          chunks.push(buf);
        }
        result.sizeBytes = size;
        const raw = decompress(Buffer.concat(chunks), headers['content-encoding'], maxBytes);
        result.body = decode(raw, result.contentType);
        break;
      }
    } catch (err) {
      result.finalUrl = current;
      result.status = result.status || 0;
      result.body = null;
      result.error = describeError(err, timeout, this.#opts.signal);
    }
    result.timing.totalMs = Math.round(performance.now() - started);
    return result;
  }
}

/** Undoes Content-Encoding; the size cap applies to the decoded document too (zip bombs). */
function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return body;
  const opts = { maxOutputLength: maxBytes };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(body, opts);
    if (enc === 'deflate') return inflateSync(body, opts);
    if (enc === 'br') return brotliDecompressSync(body, opts);
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AnalyzerError('RESPONSE_TOO_LARGE', `Decoded body over ${maxBytes} bytes`);
    }
    throw new AnalyzerError('FETCH_FAILED', `Cannot decode ${enc} body`, { cause: err });
  }
  return body;
}

function describeError(
  err: unknown,
  timeout: AbortSignal,
  outer: AbortSignal | undefined,
): { code: AnalyzerErrorCode; message: string } {
  if (outer?.aborted) return { code: 'ABORTED', message: 'Cancelled' };
  if (timeout.aborted) return { code: 'REQUEST_TIMEOUT', message: 'The request timed out' };
  const cause = err instanceof Error && err.cause instanceof AnalyzerError ? err.cause : err;
  const e = toAnalyzerError(cause, 'FETCH_FAILED');
  const code = (cause as { code?: string })?.code;
  if (e.code === 'FETCH_FAILED' && typeof code === 'string' && code.startsWith('UND_ERR_')) {
    if (code.includes('TIMEOUT')) return { code: 'REQUEST_TIMEOUT', message: e.message };
  }
  return { code: e.code, message: e.message };
}

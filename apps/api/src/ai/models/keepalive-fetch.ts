/**
 * The `fetch` the OpenAI SDK is given (ChatOpenAI / OpenAIEmbeddings `configuration.fetch`):
 * node:http(s) on keep-alive agents, with a small Response-like answer whose body is the Node
 * stream itself. The SDK reads it through `Symbol.asyncIterator`, `text()` and `json()`, so no
 * WHATWG streams, Request or Response objects are built per call: a model call cost about 1 ms of
 * CPU less than through the global fetch (apps/api/README.md#chat-overhead).
 *
 * Behaves as fetch does where the SDK can tell: network failures reject with
 * `TypeError('fetch failed', { cause })`; an abort (before or during the body) rejects or ends the
 * body with the signal's reason (an `AbortError` DOMException when none was given); gzip, deflate
 * and br bodies are decoded. Anything else than a string (or no) body to an http(s) URL, e.g. the
 * SDK's file uploads, goes to the global fetch. Redirects are not followed (model APIs send none).
 * `test/ai/keepalive-fetch.test.ts` compares it with the global fetch.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

const decoders: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The part of `Response` the model SDKs use; `body` is a Node stream (async iterable). */
class NodeResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly redirected = false;
  readonly type = 'basic';
  bodyUsed = false;

  constructor(
    readonly url: string,
    res: http.IncomingMessage,
    readonly body: Readable | null,
  ) {
    this.status = res.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status < 300;
    this.statusText = res.statusMessage ?? '';
    this.headers = new Headers();
    const raw = res.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) this.headers.append(raw[i]!, raw[i + 1]!);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const buf = await this.bytes();
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return (await this.bytes()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  private async bytes(): Promise<Buffer> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    if (!this.body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of this.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

export function keepAliveFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
  const body = init.body;
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    (body != null && typeof body !== 'string')
  ) {
    return fetch(input, init);
  }
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<Response>((resolve, reject) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
    const method = (init.method ?? 'GET').toUpperCase();
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method,
      headers,
      agent: agents[url.protocol as 'http:' | 'https:'],
    });
    const onAbort = () => {
      const reason = abortReason(signal!);
      req.destroy(reason instanceof Error ? reason : undefined);
      reject(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: err }));
    });
    req.once('response', (res) => {
      signal?.removeEventListener('abort', onAbort);
      // A stream nobody reads any more must not crash the process with an unheard 'error'.
      res.on('error', () => {});
      const status = res.statusCode ?? 0;
      let stream: Readable | null = res;
      if (method === 'HEAD' || status === 204 || status === 304) {
        res.resume();
        stream = null;
      } else {
        const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
        const decode = decoders[encoding];
        if (decode) {
          const decoded = decode();
          decoded.on('error', () => {});
          res.on('error', (err) => decoded.destroy(err));
          res.pipe(decoded);
          stream = decoded;
        }
      }
      if (signal && stream) {
        const body = stream;
        const onBodyAbort = () => {
          const reason = abortReason(signal);
          const err = reason instanceof Error ? reason : new Error(String(reason));
          body.destroy(err);
          if (body !== res) res.destroy();
        };
        signal.addEventListener('abort', onBodyAbort, { once: true });
        body.once('close', () => signal.removeEventListener('abort', onBodyAbort));
      }
      resolve(new NodeResponse(url.href, res, stream) as unknown as Response);
    });
    req.end(body ?? undefined);
  });
}

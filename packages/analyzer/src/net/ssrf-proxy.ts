import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { checkUrl, guardedLookup, type NetworkPolicy } from './ssrf.ts';

/**
 * A forward HTTP proxy on loopback that Chromium is pointed at. Every request the browser makes
 * (documents, scripts, XHR, redirects, WebSockets, CONNECT tunnels for HTTPS) passes through it and
 * is checked against the SSRF policy, and the connection goes to the address that was checked.
 */
export class SsrfProxy {
  readonly blocked: string[] = [];
  readonly #server: Server;
  readonly #policy: NetworkPolicy;
  readonly #sockets = new Set<Socket>();

  constructor(policy: NetworkPolicy) {
    this.#policy = policy;
    this.#server = createServer((req, res) => {
      const target = req.url ?? '';
      checkUrl(target, this.#policy).then(
        ({ url, addresses }) => {
          const headers = { ...req.headers };
          delete headers['proxy-connection'];
          const upstream = httpRequest(
            {
              host: addresses[0],
              port: url.port || 80,
              method: req.method,
              path: `${url.pathname}${url.search}`,
              headers,
              lookup: guardedLookup(this.#policy),
            },
            (up) => {
              res.writeHead(up.statusCode ?? 502, up.headers);
              up.pipe(res);
            },
          );
          upstream.on('error', () => {
            if (!res.headersSent) res.writeHead(502);
            res.end();
          });
          req.pipe(upstream);
        },
        () =>
          this.#refuse(target, () => {
            res.writeHead(403, { 'content-type': 'text/plain' });
            res.end('Refused by the SSRF guard');
          }),
      );
    });
    this.#server.on('connect', (req, client: Socket) => {
      const target = req.url ?? '';
      this.#track(client);
      client.on('error', () => client.destroy());
      checkUrl(`https://${target}/`, this.#policy).then(
        ({ url, addresses }) => {
          const upstream = connect(Number(url.port || 443), addresses[0] as string, () => {
            client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
            upstream.pipe(client);
            client.pipe(upstream);
          });
          this.#track(upstream);
          upstream.on('error', () => client.destroy());
        },
        () =>
          this.#refuse(`https://${target}`, () => {
            client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
          }),
      );
    });
    this.#server.on('connection', (s: Socket) => this.#track(s));
  }

  #track(s: Socket) {
    this.#sockets.add(s);
    s.on('close', () => this.#sockets.delete(s));
  }

  #refuse(target: string, respond: () => void) {
    if (this.blocked.length < 1000) this.blocked.push(target);
    respond();
  }

  /** Starts listening on an ephemeral loopback port; returns the proxy URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

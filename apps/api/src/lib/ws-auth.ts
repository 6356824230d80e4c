import { WS_CLOSE } from '@quento/contracts';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { TokenVersions } from './token-versions.ts';
import type { AccessTokens } from './tokens.ts';

export { WS_CLOSE } from '@quento/contracts';

const AUTH_TIMEOUT_MS = 5_000;

function tokenFromProtocols(request: FastifyRequest): string | null {
  const header = request.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return null;
  for (const part of header.split(',')) {
    const p = part.trim();
    if (p.startsWith('bearer.')) return p.slice('bearer.'.length);
  }
  return null;
}

/**
 * Authenticates a WebSocket without putting the token in the URL (where proxies log it): from a
 * `bearer.<token>` sub-protocol, or else from a first message `{"type":"auth","token":"..."}`.
 * Resolves to the user id, or closes the socket with 4401 and resolves to null. A socket stays
 * authenticated only while its token is not revoked: a logout, password reset or account deletion
 * closes it with 4401 too.
 */
export async function authenticateSocket(
  socket: WebSocket,
  request: FastifyRequest,
  tokens: AccessTokens,
  versions: TokenVersions,
): Promise<string | null> {
  const verify = async (token: string) => {
    try {
      const { userId, version } = await tokens.verify(token);
      const unwatch = versions.watch(userId, version, () =>
        socket.close(WS_CLOSE.unauthorized, 'signed out'),
      );
      socket.once('close', unwatch);
      return userId;
    } catch {
      socket.close(WS_CLOSE.unauthorized, 'invalid or expired token');
      return null;
    }
  };
  const fromHeader = tokenFromProtocols(request);
  if (fromHeader) return verify(fromHeader);

  return new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      socket.close(WS_CLOSE.unauthorized, 'authentication required');
      resolve(null);
    }, AUTH_TIMEOUT_MS);
    const onMessage = (data: Buffer) => {
      clearTimeout(timer);
      let msg: { type?: unknown; token?: unknown };
      try {
        msg = JSON.parse(data.toString('utf8'));
      } catch {
        msg = {};
      }
      if (msg.type !== 'auth' || typeof msg.token !== 'string') {
        socket.close(WS_CLOSE.unauthorized, 'first message must be {"type":"auth","token":...}');
        resolve(null);
        return;
      }
      void verify(msg.token).then(resolve);
    };
    socket.once('message', onMessage);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

export function sendJson(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
}

import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Sub-protocol the app speaks; clients offer it, plus `bearer.<token>` to authenticate. */
export const WS_PROTOCOL = 'quento.v1';

/** External layer: WebSocket upgrades for /ws/*. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(websocket, {
      options: {
        maxPayload: 64 * 1024,
        // Never echo the bearer entry back: answer with our protocol name when it was offered.
        handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
      },
    });
  },
  { name: 'websocket' },
);

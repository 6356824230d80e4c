import type { AnalysisEvent, AnalysisSocketEvent, AnalysisStatus } from '@quento/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../../lib/errors.ts';
import { publicOrigin } from '../../lib/public-origin.ts';
import { authenticateSocket, sendJson, WS_CLOSE } from '../../lib/ws-auth.ts';
import { analysisChannel } from './analysis.runner.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** Every message on this socket is one of the contract's events. */
const send = (socket: WebSocket, event: AnalysisSocketEvent) => sendJson(socket, event);

/**
 * WS /ws/analysis/{id}: the status now, then every event until the analysis ends, then the result.
 * Events come over the bus, so this works on whichever API instance the client reached.
 */
const analysisWs: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>(
    '/ws/analysis/:id',
    { websocket: true, schema: { hide: true } },
    async (socket: WebSocket, request) => {
      const userId = await authenticateSocket(socket, request, app.accessTokens, app.tokenVersions);
      if (!userId) return;
      const id = request.params.id;
      const service = app.services.analysis;
      if (!UUID.test(id)) {
        socket.close(WS_CLOSE.notFound, 'analysis not found');
        return;
      }
      let finished = false;
      const finish = async (status: string) => {
        if (finished) return;
        finished = true;
        if (status === 'completed') {
          const row = await service.ownedRow(userId, id).catch(() => null);
          const detail =
            row && (await service.detail(row, publicOrigin(request)).catch(() => null));
          if (detail) send(socket, { type: 'result', analysis: detail });
        }
        socket.close(1000, status);
      };

      // Subscribe first, then read the row, so nothing that happens in between is missed; events
      // that arrive before the status snapshot is sent wait for it.
      let early: AnalysisEvent[] | null = [];
      const deliver = (e: AnalysisEvent) => {
        send(socket, e);
        if (e.type !== 'progress') void finish(e.type);
      };
      const unsubscribe = await app.bus.subscribe(analysisChannel(id), (event) => {
        if (early) early.push(event as AnalysisEvent);
        else deliver(event as AnalysisEvent);
      });
      socket.once('close', () => void unsubscribe());
      try {
        const row = await service.ownedRow(userId, id);
        send(socket, {
          type: 'status',
          analysis_id: row.id,
          status: row.status as AnalysisStatus,
          progress: row.progress,
          step: row.currentStep,
          pages_done: row.pagesDone,
          pages_total: row.pagesTotal,
          error_message: row.errorMessage,
        });
        if (FINAL.has(row.status)) {
          early = null;
          await finish(row.status);
          return;
        }
        const queued = early;
        early = null;
        for (const e of queued) deliver(e);
      } catch (err) {
        await unsubscribe();
        // Another user's analysis looks exactly like a missing one.
        if (err instanceof AppError && err.status === 404)
          socket.close(WS_CLOSE.notFound, 'analysis not found');
        else socket.close(WS_CLOSE.internalError, 'internal error');
      }
    },
  );
};

export default analysisWs;

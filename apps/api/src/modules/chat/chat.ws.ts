import { ChatClientEvent, type ChatServerEvent } from '@quento/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../../lib/errors.ts';
import { authenticateSocket, sendJson, WS_CLOSE } from '../../lib/ws-auth.ts';
import type { ContextHolder } from './chat.context.ts';
import { type ChatFollowUpEvent, chatChannel } from './chat.followup.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isAuthMessage = (data: Buffer) => {
  try {
    return (JSON.parse(data.toString('utf8')) as { type?: unknown })?.type === 'auth';
  } catch {
    return false;
  }
};

const send = (socket: WebSocket, event: ChatServerEvent) => sendJson(socket, event);

/**
 * Token events: the first goes out at once (time to first token is what the user feels); later
 * tokens that arrive in the same turn of the event loop go out as one event, which saves a frame
 * and a socket write per token when many chats stream at once.
 */
function tokenSender(socket: WebSocket) {
  let buffer = '';
  let first = true;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!buffer) return;
    send(socket, { type: 'token', content: buffer });
    buffer = '';
  };
  return {
    push(token: string) {
      if (first) {
        first = false;
        send(socket, { type: 'token', content: token });
        return;
      }
      buffer += token;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/**
 * WS /ws/chat/{session_id}: the client sends `{"type":"message","content"}`; the server answers
 * `typing`, then `token`s, then `final` (message id, token count, interrupted). Errors are
 * `{"type":"error","code","message"}` and keep the socket open. One turn at a time per socket.
 * When the socket closes mid-reply the model call is aborted and the partial reply is stored.
 */
const chatWs: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { session_id: string } }>(
    '/ws/chat/:session_id',
    { websocket: true, schema: { hide: true } },
    async (socket: WebSocket, request) => {
      // Listen before authenticating and checking the session, so a message sent right after
      // connecting is not dropped; it waits until the session is known to be the user's.
      let ready = false;
      const early: Buffer[] = [];
      socket.on('message', (data: Buffer) => {
        if (ready) onMessage(data);
        else early.push(data);
      });
      const userId = await authenticateSocket(socket, request, app.accessTokens, app.tokenVersions);
      if (!userId) return;
      const id = request.params.session_id;
      const chat = app.services.chat;
      if (!UUID.test(id)) {
        socket.close(WS_CLOSE.notFound, 'session not found');
        return;
      }
      try {
        await chat.owned(userId, id);
      } catch (err) {
        if (err instanceof AppError && err.status === 404)
          socket.close(WS_CLOSE.notFound, 'session not found');
        else socket.close(WS_CLOSE.internalError, 'internal error');
        return;
      }
      const closed = new AbortController();
      socket.once('close', () => closed.abort(new Error('client went away')));
      let busy = false;
      // The turn context, loaded now while the user types (model mode) and kept between turns.
      const context: ContextHolder = {};
      chat.prefetch(userId, id, context);
      // Ring 1 as the client last heard it (`final`, then `profile` when a follow-up changes it).
      let profileComplete: boolean | undefined;
      const tellProfile = (complete: boolean) => {
        if (profileComplete === undefined || complete === profileComplete) return;
        profileComplete = complete;
        send(socket, { type: 'profile', profile_complete: complete });
      };
      // Follow-ups run in the worker, possibly another process; they report here (model mode).
      let unsubscribe: (() => Promise<void>) | undefined;
      let gone = false;
      socket.once('close', () => {
        gone = true;
        unsubscribe?.().catch(() => {});
      });
      if (chat.mode === 'model') {
        try {
          unsubscribe = await app.bus.subscribe(chatChannel(id), (event) => {
            const e = event as ChatFollowUpEvent;
            if (e?.type !== 'followup') return;
            chat.applyFollowUp(context, e);
            tellProfile(e.profile_complete);
          });
          // Closed while subscribing: the close handler had nothing to undo yet.
          if (gone) await unsubscribe();
        } catch (err) {
          request.log.warn({ err }, 'chat follow-up events unavailable');
        }
      }

      const onMessage = (data: Buffer) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString('utf8'));
        } catch {
          send(socket, { type: 'error', code: 'BAD_REQUEST', message: 'Messages must be JSON' });
          return;
        }
        const msg = ChatClientEvent.safeParse(parsed);
        if (!msg.success) {
          send(socket, {
            type: 'error',
            code: 'VALIDATION_FAILED',
            message: 'Expected {"type":"message","content":"..."} with 1 to 8000 characters',
          });
          return;
        }
        if (busy) {
          send(socket, {
            type: 'error',
            code: 'BUSY',
            message: 'Wait for the current reply to finish',
          });
          return;
        }
        busy = true;
        void runTurn(msg.data.content, () => {
          busy = false;
        });
      };

      // The next message is accepted once `final` is out; the follow-up work (profile extraction,
      // summary, index) finishes in the background and reports a ring-1 change with `profile`.
      const runTurn = async (content: string, done: () => void): Promise<void> => {
        const tokens = tokenSender(socket);
        try {
          // A reply under way holds a shutting-down instance open until it is out (or the grace ends).
          const turn = await app.lifecycle.track(
            chat.turn(userId, id, content, {
              signal: closed.signal,
              context,
              onTyping: (m) => send(socket, { type: 'typing', user_message_id: m.id }),
              onToken: tokens.push,
              queueFollowUp: true,
            }),
          );
          tokens.flush();
          send(socket, {
            type: 'final',
            message_id: turn.reply.id,
            content: turn.reply.content,
            tokens_used: turn.reply.tokensUsed ?? 0,
            interrupted: turn.interrupted,
            profile_complete: turn.profileComplete,
          });
          profileComplete = turn.profileComplete;
          done();
          tellProfile(await turn.followUp);
        } catch (err) {
          tokens.flush();
          if (err instanceof AppError) {
            send(socket, { type: 'error', code: err.code, message: err.message });
          } else {
            request.log.error({ err }, 'chat turn failed');
            send(socket, {
              type: 'error',
              code: 'INTERNAL_ERROR',
              message: 'Something went wrong',
            });
          }
        } finally {
          done();
        }
      };
      send(socket, { type: 'ready', session_id: id, mode: chat.mode });
      ready = true;
      // The `auth` message (when the token came that way) was authenticateSocket's.
      for (const data of early.splice(0)) if (!isAuthMessage(data)) onMessage(data);
    },
  );
};

export default chatWs;

import {
  ChatServerEvent,
  ConversationDetail,
  type Message,
  WS_CLOSE,
  WS_CLOSE_ERROR,
  type WsCloseCode,
} from '@quento/contracts';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { api } from '../../lib/api';
import { wsProtocols, wsUrl } from '../../lib/api/ws-url';
import { queryClient } from '../../lib/query-client';
import { accountKeys } from '../account/queries';
import { profileKeys } from '../home/profile-queries';
import { type ChatState, chatReducer, initialChatState } from './chat-reducer';

/** The part of the browser's WebSocket this hook uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface ChatSocketDeps {
  connect: SocketFactory;
  /** The session's stored messages, oldest first. */
  load: (sessionId: string) => Promise<Message[]>;
  /** The access token; with `stale`, a fresh one after that one was refused. */
  token: (stale?: string) => Promise<string | null>;
  url: (sessionId: string) => string;
  /** Wait before reconnect attempt n (0-based). */
  backoffMs: (attempt: number) => number;
}

const OPEN = 1;

export const defaultChatSocketDeps: ChatSocketDeps = {
  connect: (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike,
  load: async (id) =>
    (await api.get(`/chat/sessions/${id}`, { query: { limit: 200 }, schema: ConversationDetail }))
      .messages.items,
  token: (stale) => api.token(stale),
  url: (id) => wsUrl(`/ws/chat/${id}`),
  backoffMs: (attempt) => Math.min(10_000, 500 * 2 ** attempt),
};

let localIds = 0;
const localKey = () => `local-${Date.now().toString(36)}-${(localIds++).toString(36)}`;

/**
 * One chat session over `WS /ws/chat/{id}`: streams replies into the message list, reconnects
 * with backoff when the socket drops, and after each (re)connect reloads the stored history so a
 * message on its way is neither lost nor sent twice.
 */
export function useChatSocket(
  sessionId: string | null,
  deps: ChatSocketDeps = defaultChatSocketDeps,
) {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const socketRef = useRef<SocketLike | null>(null);
  const stateRef = useRef<ChatState>(state);
  stateRef.current = state;
  const depsRef = useRef(deps);
  depsRef.current = deps;

  useEffect(() => {
    if (!sessionId) return;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastToken: string | undefined;

    const schedule = (ms: number) => {
      if (stopped) return;
      timer = setTimeout(() => {
        timer = null;
        void open();
      }, ms);
    };
    const retryLater = () => schedule(depsRef.current.backoffMs(attempt++));

    const sync = async (socket: SocketLike) => {
      try {
        const messages = await depsRef.current.load(sessionId);
        if (stopped || socketRef.current !== socket) return;
        attempt = 0;
        dispatch({ type: 'loaded', messages });
      } catch {
        // The history did not load: start over, so the outbox is never sent blind.
        if (socketRef.current === socket) socket.close();
      }
    };

    const open = async (refreshed = false) => {
      const d = depsRef.current;
      dispatch({ type: 'connecting' });
      const token = await d.token(refreshed ? lastToken : undefined).catch(() => null);
      if (stopped) return;
      if (!token) {
        if (refreshed) return dispatch({ type: 'fatal', code: 'UNAUTHORIZED' });
        return retryLater();
      }
      lastToken = token;
      let socket: SocketLike;
      try {
        socket = d.connect(d.url(sessionId), wsProtocols(token));
      } catch {
        return retryLater();
      }
      socketRef.current = socket;
      socket.onmessage = (ev) => {
        let json: unknown;
        try {
          json = JSON.parse(String(ev.data));
        } catch {
          return;
        }
        const event = ChatServerEvent.safeParse(json);
        if (!event.success) return;
        dispatch({ type: 'server', event: event.data });
        if (event.data.type === 'ready') void sync(socket);
        // A reply (and its follow-up) may have filled the profile: Home must not show the old one.
        if (event.data.type === 'final' || event.data.type === 'profile') {
          void queryClient.invalidateQueries({ queryKey: profileKeys.all });
          void queryClient.invalidateQueries({ queryKey: accountKeys.progress() });
        }
      };
      socket.onclose = (ev) => {
        if (socketRef.current !== socket) return;
        socketRef.current = null;
        if (stopped) return;
        const code = ev.code as WsCloseCode;
        if (code === WS_CLOSE.unauthorized && !refreshed) {
          // The access token expired while we were away: refresh once, then try again at once.
          dispatch({ type: 'dropped' });
          void open(true);
          return;
        }
        if (
          code === WS_CLOSE.notFound ||
          code === WS_CLOSE.forbidden ||
          code === WS_CLOSE.unauthorized
        ) {
          dispatch({ type: 'fatal', code: WS_CLOSE_ERROR[code] });
          return;
        }
        dispatch({ type: 'dropped' });
        retryLater();
      };
      socket.onerror = () => {
        // A close event always follows; it decides what happens next.
      };
    };

    void open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const socket = socketRef.current;
      socketRef.current = null;
      socket?.close(1000, 'leaving');
    };
  }, [sessionId]);

  // The outbox goes out once the socket is open and the history is in.
  useEffect(() => {
    const socket = socketRef.current;
    const outbox = state.outbox;
    if (state.connection !== 'open' || !outbox || outbox.transmitted) return;
    if (!socket || socket.readyState !== OPEN) return;
    const bubble = state.bubbles.find((b) => b.key === outbox.key);
    if (!bubble) return;
    socket.send(JSON.stringify({ type: 'message', content: bubble.content }));
    dispatch({ type: 'transmitted' });
  }, [state.connection, state.outbox, state.bubbles]);

  const send = useCallback((content: string) => {
    if (!content.trim() || stateRef.current.outbox) return false;
    dispatch({ type: 'send', key: localKey(), content });
    return true;
  }, []);
  const retry = useCallback((key: string) => dispatch({ type: 'retry', key }), []);

  return { state, send, retry };
}

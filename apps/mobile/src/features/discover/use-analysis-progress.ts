import { AnalysisSocketEvent, WS_CLOSE } from '@quento/contracts';
import { useEffect, useReducer, useRef } from 'react';
import { api } from '../../lib/api';
import { wsProtocols, wsUrl } from '../../lib/api/ws-url';
import { initialProgress, isFinal, type ProgressState, progressReducer } from './progress-reducer';
import { fetchStatus } from './queries';

const POLL_MS = 2000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Live progress of one analysis over `WS /ws/analysis/{id}`. While the socket is down it polls
 * `/status` and keeps trying to reconnect; a refused token is refreshed once per drop.
 */
export function useAnalysisProgress(
  id: string | null,
  onFinished?: (state: ProgressState) => void,
): ProgressState {
  const [state, dispatch] = useReducer(progressReducer, initialProgress);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    if (!id) return;
    dispatch({ type: 'reset' });
    let stopped = false;
    let socket: WebSocket | null = null;
    let pollTimer: ReturnType<typeof setTimeout> | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let lastToken: string | null = null;

    const done = () => isFinal(stateRef.current.status) || stopped;

    const poll = async () => {
      pollTimer = null;
      if (done()) return;
      try {
        dispatch({ type: 'poll', status: await fetchStatus(id) });
      } catch {
        // Unreachable for now: the offline banner says so; try again on the next tick.
      }
      if (!done() && socket?.readyState !== 1) pollTimer = setTimeout(poll, POLL_MS);
    };
    const startPolling = () => {
      dispatch({ type: 'transport', transport: 'polling' });
      if (!pollTimer) pollTimer = setTimeout(poll, 0);
    };
    const stopPolling = () => {
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = null;
    };

    const connect = async (staleToken?: string) => {
      if (done()) return;
      const token = await api.token(staleToken).catch(() => null);
      if (stopped) return;
      if (!token) {
        startPolling();
        return;
      }
      lastToken = token;
      const ws = new WebSocket(wsUrl(`/ws/analysis/${id}`), wsProtocols(token));
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        stopPolling();
        dispatch({ type: 'transport', transport: 'socket' });
      };
      ws.onmessage = (msg) => {
        let json: unknown;
        try {
          json = JSON.parse(String(msg.data));
        } catch {
          return;
        }
        const parsed = AnalysisSocketEvent.safeParse(json);
        if (parsed.success) dispatch({ type: 'event', event: parsed.data });
      };
      ws.onclose = (ev) => {
        if (socket === ws) socket = null;
        if (stopped || ev.code === 1000 || ev.code === WS_CLOSE.notFound) {
          // Ended normally (or gone): one last poll settles the state if a message was missed.
          if (!stopped && !done()) void poll();
          return;
        }
        startPolling();
        const refresh = ev.code === WS_CLOSE.unauthorized && attempt === 0;
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
        attempt += 1;
        retryTimer = setTimeout(
          () => void connect(refresh ? (lastToken ?? undefined) : undefined),
          wait,
        );
      };
    };
    void connect();

    return () => {
      stopped = true;
      stopPolling();
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close(1000, 'left the screen');
    };
  }, [id]);

  const final = isFinal(state.status);
  useEffect(() => {
    if (final) finishedRef.current?.(stateRef.current);
  }, [final]);

  return state;
}

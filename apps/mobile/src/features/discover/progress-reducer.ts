import type {
  AnalysisDetail,
  AnalysisSocketEvent,
  AnalysisStatus,
  AnalysisStatusResponse,
} from '@quento/contracts';

/** What the progress view shows, folded from socket events and status polls. */
export interface ProgressState {
  status: AnalysisStatus;
  /** 0–100, never going back. */
  progress: number;
  step: string | null;
  pagesDone: number;
  pagesTotal: number;
  /** The page being read right now, when the analyzer says. */
  url: string | null;
  error: string | null;
  result: AnalysisDetail | null;
  /** How updates arrive: the socket, or polling while it is down. */
  transport: 'connecting' | 'socket' | 'polling';
}

export type ProgressAction =
  | { type: 'event'; event: AnalysisSocketEvent }
  | { type: 'poll'; status: AnalysisStatusResponse }
  | { type: 'transport'; transport: ProgressState['transport'] }
  | { type: 'reset' };

export const initialProgress: ProgressState = {
  status: 'pending',
  progress: 0,
  step: null,
  pagesDone: 0,
  pagesTotal: 0,
  url: null,
  error: null,
  result: null,
  transport: 'connecting',
};

const FINAL: ReadonlySet<AnalysisStatus> = new Set(['completed', 'failed', 'cancelled']);

export const isFinal = (s: AnalysisStatus) => FINAL.has(s);

/** A snapshot only moves forward: a late or duplicated message never undoes progress. */
function advance(
  state: ProgressState,
  next: {
    status: AnalysisStatus;
    progress: number;
    step: string | null;
    pagesDone: number;
    pagesTotal: number;
    url?: string | null;
    error?: string | null;
  },
): ProgressState {
  if (isFinal(state.status)) return state;
  return {
    ...state,
    status: next.status,
    progress: Math.max(state.progress, Math.min(100, next.progress)),
    step: next.step ?? state.step,
    pagesDone: Math.max(state.pagesDone, next.pagesDone),
    pagesTotal: Math.max(state.pagesTotal, next.pagesTotal),
    url: next.url === undefined ? state.url : next.url,
    error: next.error ?? state.error,
  };
}

export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  switch (action.type) {
    case 'reset':
      return initialProgress;
    case 'transport':
      return state.transport === action.transport
        ? state
        : { ...state, transport: action.transport };
    case 'poll': {
      // A polled status is the same snapshot the socket sends first.
      const { id, current_step, started_at: _s, completed_at: _c, ...rest } = action.status;
      return progressReducer(state, {
        type: 'event',
        event: { type: 'status', analysis_id: id, step: current_step, ...rest },
      });
    }
    case 'event': {
      const e = action.event;
      switch (e.type) {
        case 'status':
          return advance(state, {
            status: e.status,
            progress: e.status === 'completed' ? 100 : e.progress,
            step: e.step,
            pagesDone: e.pages_done,
            pagesTotal: e.pages_total,
            error: e.error_message,
          });
        case 'progress':
          return advance(state, {
            status: e.status,
            progress: e.progress,
            step: e.step,
            pagesDone: e.pages_done,
            pagesTotal: e.pages_total,
            url: e.url,
          });
        case 'completed':
          return isFinal(state.status)
            ? state
            : { ...state, status: 'completed', progress: 100, url: null };
        case 'failed':
          return isFinal(state.status)
            ? state
            : { ...state, status: 'failed', error: e.error_message, url: null };
        case 'cancelled':
          return isFinal(state.status) ? state : { ...state, status: 'cancelled', url: null };
        case 'result':
          return { ...state, status: 'completed', progress: 100, url: null, result: e.analysis };
      }
    }
  }
  return state;
}

/** "Reading your pages: 3 of 10 pages" — the progress in one sentence for screen readers. */
export function pagesLabel(s: Pick<ProgressState, 'pagesDone' | 'pagesTotal'>): string {
  if (s.pagesTotal <= 0) return 'No pages read yet';
  return `${s.pagesDone} of ${s.pagesTotal} ${s.pagesTotal === 1 ? 'page' : 'pages'} read`;
}

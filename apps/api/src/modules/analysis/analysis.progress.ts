import type { ProgressEvent } from '@quento/analyzer';
import type { AnalysisEvent } from '@quento/contracts';
import type { AnalysisRepository } from './analysis.repository.ts';

const PROGRESS_INTERVAL_MS = 250;

/** What the reporter writes to: the analysis row and the event bus. */
export interface ProgressSink {
  updateProgress: AnalysisRepository['updateProgress'];
  publish: (event: AnalysisEvent) => Promise<void>;
}

export type ProgressReporter = ReturnType<typeof progressReporter>;

/**
 * Writes an analysis's progress to its row and the bus, at most every PROGRESS_INTERVAL_MS (a
 * step change at once). A row that is gone or no longer running stops the crawl through `stop`.
 */
export function progressReporter(id: string, stop: AbortController, sink: ProgressSink) {
  let state = {
    progress: 0,
    step: 'starting',
    pagesDone: 0,
    pagesTotal: 0,
    url: null as string | null,
  };
  let lastWrite = 0;
  let pending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const write = async () => {
    if (closed) return;
    lastWrite = Date.now();
    const snapshot = state;
    const alive = await sink.updateProgress(id, {
      progress: snapshot.progress,
      currentStep: snapshot.step,
      pagesDone: snapshot.pagesDone,
      pagesTotal: snapshot.pagesTotal,
    });
    if (!alive) {
      // Deleted or cancelled under us: stop crawling.
      const gone = new Error('analysis no longer running');
      gone.name = 'AnalysisGone';
      stop.abort(gone);
      return;
    }
    await sink.publish({
      type: 'progress',
      analysis_id: id,
      status: 'running',
      progress: snapshot.progress,
      step: snapshot.step,
      pages_done: snapshot.pagesDone,
      pages_total: snapshot.pagesTotal,
      url: snapshot.url,
    });
  };
  const schedule = (now: boolean) => {
    if (now) {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = pending.then(write, write);
      return pending;
    }
    if (timer) return pending;
    const wait = Math.max(0, PROGRESS_INTERVAL_MS - (Date.now() - lastWrite));
    timer = setTimeout(() => {
      timer = null;
      pending = pending.then(write, write);
    }, wait);
    return pending;
  };

  return {
    step: (step: string, progress: number) => {
      state = { ...state, step, progress: Math.max(state.progress, progress), url: null };
      return schedule(true);
    },
    crawl: (e: ProgressEvent, from: number, to: number) => {
      const total = Math.max(1, e.total);
      const progress = Math.min(to, from + Math.floor(((to - from) * e.fetched) / total));
      state = {
        ...state,
        progress: Math.max(state.progress, progress),
        pagesDone: e.fetched,
        pagesTotal: e.total,
        url: e.url ?? state.url,
      };
      void schedule(false);
    },
    /** Writes what is pending, then nothing more. */
    close: async () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        pending = pending.then(write, write);
      }
      await pending;
      closed = true;
    },
  };
}

import type { AnalysisDetail, AnalysisSocketEvent } from '@quento/contracts';
import {
  initialProgress,
  type ProgressState,
  pagesLabel,
  progressReducer,
} from '../progress-reducer';

const ID = '00000000-0000-4000-8000-000000000001';
const fold = (events: AnalysisSocketEvent[], from: ProgressState = initialProgress) =>
  events.reduce((s, event) => progressReducer(s, { type: 'event', event }), from);

const progress = (
  p: number,
  done: number,
  total: number,
  step = 'crawling',
): AnalysisSocketEvent => ({
  type: 'progress',
  analysis_id: ID,
  status: 'running',
  progress: p,
  step,
  pages_done: done,
  pages_total: total,
  url: `http://127.0.0.1/p${done}`,
});

describe('progressReducer', () => {
  it('starts from the status snapshot and follows progress to the result', () => {
    const result = { id: ID, status: 'completed', findings: [] } as unknown as AnalysisDetail;
    const s = fold([
      {
        type: 'status',
        analysis_id: ID,
        status: 'running',
        progress: 10,
        step: 'crawling',
        pages_done: 1,
        pages_total: 5,
        error_message: null,
      },
      progress(40, 2, 5),
      progress(60, 3, 5),
      { type: 'completed', analysis_id: ID },
      { type: 'result', analysis: result },
    ]);
    expect(s).toMatchObject({
      status: 'completed',
      progress: 100,
      pagesDone: 3,
      pagesTotal: 5,
      url: null,
    });
    expect(s.result).toBe(result);
  });

  it('never goes back when a late or repeated message arrives', () => {
    const s = fold([progress(60, 3, 5), progress(40, 2, 5)]);
    expect(s.progress).toBe(60);
    expect(s.pagesDone).toBe(3);
    expect(s.url).toBe('http://127.0.0.1/p2');
  });

  it('keeps a final state: a stray progress event after a failure changes nothing', () => {
    const failed = fold([
      progress(30, 1, 5),
      { type: 'failed', analysis_id: ID, error_message: 'Timed out' },
    ]);
    expect(failed).toMatchObject({ status: 'failed', error: 'Timed out' });
    expect(fold([progress(90, 5, 5)], failed)).toBe(failed);
  });

  it('folds polled status like socket events, and a completed poll reads 100%', () => {
    const polled = progressReducer(initialProgress, {
      type: 'poll',
      status: {
        id: ID,
        status: 'completed',
        progress: 96,
        current_step: 'comparing',
        pages_done: 4,
        pages_total: 4,
        error_message: null,
        started_at: null,
        completed_at: null,
      },
    });
    expect(polled).toMatchObject({
      status: 'completed',
      progress: 100,
      step: 'comparing',
      pagesDone: 4,
    });
  });

  it('records how updates arrive, and says the pages read in words', () => {
    const s = progressReducer(initialProgress, { type: 'transport', transport: 'polling' });
    expect(s.transport).toBe('polling');
    expect(pagesLabel({ pagesDone: 0, pagesTotal: 0 })).toBe('No pages read yet');
    expect(pagesLabel({ pagesDone: 2, pagesTotal: 7 })).toBe('2 of 7 pages read');
  });
});

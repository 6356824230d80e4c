import type { CreateAnalysisRequest } from '@quento/contracts';
import { useState } from 'react';
import { useAnalyses, useRefreshAfterAnalysis, useStartAnalysis } from './queries';
import { useAnalysisProgress } from './use-analysis-progress';

/**
 * Starting an analysis and following it live, for Discover and Optimize alike. An analysis that
 * is already running (started elsewhere, or before the app restarted) is followed too.
 */
export function useAnalysisRun(onFinished?: () => void) {
  const analyses = useAnalyses();
  const start = useStartAnalysis();
  const refreshAfter = useRefreshAfterAnalysis();
  const [startedId, setStartedId] = useState<string | null>(null);
  const running = analyses.data?.items.find(
    (a) => a.status === 'pending' || a.status === 'running',
  );
  const activeId = startedId ?? running?.id ?? null;
  const progress = useAnalysisProgress(activeId, () => {
    if (activeId) refreshAfter(activeId);
    setStartedId(null);
    onFinished?.();
  });
  return {
    analyses,
    progress,
    /** True while an analysis runs and its progress should replace the start controls. */
    live: !!activeId && (progress.status === 'pending' || progress.status === 'running'),
    start: (body: CreateAnalysisRequest) =>
      start.mutate(body, { onSuccess: (a) => setStartedId(a.id) }),
    starting: start.isPending,
    startError: start.error,
  };
}

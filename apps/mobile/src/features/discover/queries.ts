import {
  Analysis,
  AnalysisComparison,
  AnalysisDetail,
  AnalysisList,
  AnalysisStatusResponse,
  type CreateAnalysisRequest,
} from '@quento/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { accountKeys } from '../account/queries';
import { profileQuery } from '../home/profile-queries';
import { dashboardKeys } from '../optimize/queries';

/** Query keys of the Discover ring; every hook below uses these. */
export const analysisKeys = {
  all: ['analysis'] as const,
  list: () => [...analysisKeys.all, 'list'] as const,
  detail: (id: string) => [...analysisKeys.all, 'detail', id] as const,
  compare: (id: string, otherId: string) => [...analysisKeys.all, 'compare', id, otherId] as const,
};

export function useAnalyses() {
  return useQuery({
    queryKey: analysisKeys.list(),
    queryFn: () => api.get('/analysis', { query: { limit: 20 }, schema: AnalysisList }),
  });
}

export function useAnalysis(id: string | null | undefined) {
  return useQuery({
    queryKey: analysisKeys.detail(id ?? ''),
    queryFn: () => api.get(`/analysis/${id}`, { schema: AnalysisDetail }),
    enabled: !!id,
  });
}

/** The newest analysis that finished, from the list (newest first). */
export function latestCompleted(list: AnalysisList | undefined): Analysis | null {
  return list?.items.find((a) => a.status === 'completed') ?? null;
}

export function fetchStatus(id: string) {
  return api.get(`/analysis/${id}/status`, { schema: AnalysisStatusResponse });
}

export function useStartAnalysis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAnalysisRequest) => api.post('/analysis', { body, schema: Analysis }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: analysisKeys.list() });
    },
  });
}

/** After an analysis ends: its detail, the list, the rings and the dashboard are out of date. */
export function useRefreshAfterAnalysis() {
  const client = useQueryClient();
  return (id: string) => {
    void client.invalidateQueries({ queryKey: analysisKeys.all });
    void client.invalidateQueries({ queryKey: accountKeys.progress() });
    void client.invalidateQueries({ queryKey: dashboardKeys.all });
    void client.invalidateQueries({ queryKey: analysisKeys.detail(id) });
  };
}

export function useCompare(id: string | null, otherId: string | null) {
  return useQuery({
    queryKey: analysisKeys.compare(id ?? '', otherId ?? ''),
    queryFn: () => api.get(`/analysis/${id}/compare/${otherId}`, { schema: AnalysisComparison }),
    enabled: !!id && !!otherId && id !== otherId,
  });
}

/** The profile's website and competitors, to prefill the form (empty until the advisor or owner sets them). */
export function useProfileUrls() {
  return useQuery({
    ...profileQuery,
    select: ({ profile }) => ({
      website: profile.website_url ?? '',
      competitors: profile.competitors,
    }),
  });
}

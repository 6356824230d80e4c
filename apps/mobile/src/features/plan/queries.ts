import {
  type ExportFormat,
  PriorityMatrix,
  Strategy,
  StrategyExport,
  StrategyList,
} from '@quento/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';
import { shareFile } from '../../lib/share-file';
import { accountKeys } from '../account/queries';
import { dashboardKeys } from '../optimize/queries';

/** Query keys of the Plan and Execute rings (both read the strategy). */
export const strategyKeys = {
  all: ['strategy'] as const,
  list: () => [...strategyKeys.all, 'list'] as const,
  detail: (id: string) => [...strategyKeys.all, 'detail', id] as const,
  matrix: (id: string) => [...strategyKeys.all, 'matrix', id] as const,
};

export function useStrategies() {
  return useQuery({
    queryKey: strategyKeys.list(),
    queryFn: () => api.get('/strategy', { query: { limit: 20 }, schema: StrategyList }),
  });
}

export function useStrategy(id: string | null | undefined) {
  return useQuery({
    queryKey: strategyKeys.detail(id ?? ''),
    queryFn: () => api.get(`/strategy/${id}`, { schema: Strategy }),
    enabled: !!id,
  });
}

/** The newest strategy (the list is newest first) with its recommendations and actions. */
export function useLatestStrategy() {
  const list = useStrategies();
  const id = list.data?.items[0]?.id ?? null;
  const detail = useStrategy(id);
  return { list, detail, id };
}

export function useMatrix(id: string | null) {
  return useQuery({
    queryKey: strategyKeys.matrix(id ?? ''),
    queryFn: () => api.get(`/strategy/${id}/matrix`, { schema: PriorityMatrix }),
    enabled: !!id,
  });
}

export function useGenerateStrategy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (analysisId: string) =>
      api.post('/strategy/generate', { body: { analysis_id: analysisId }, schema: Strategy }),
    onSuccess: (s) => {
      client.setQueryData(strategyKeys.detail(s.id), s);
      void client.invalidateQueries({ queryKey: strategyKeys.list() });
      void client.invalidateQueries({ queryKey: accountKeys.progress() });
      void client.invalidateQueries({ queryKey: dashboardKeys.all });
    },
  });
}

/**
 * Exports the plan: the API stores the file and answers with a short-lived link, which goes to
 * the share sheet (devices, after downloading it) or becomes a download (web).
 */
export function useExportStrategy(id: string | null) {
  return useMutation({
    mutationFn: async (format: z.infer<typeof ExportFormat>) => {
      const file = await api.post(`/strategy/${id}/export`, {
        body: { format },
        schema: StrategyExport,
      });
      await shareFile({ url: file.url, name: file.file_name, type: file.content_type });
      return file.file_name;
    },
  });
}

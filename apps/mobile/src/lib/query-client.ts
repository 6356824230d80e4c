import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/api-error';

/** Client errors (4xx) are answers, not glitches: retry only what might succeed next time. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status !== null && error.status < 500) return false;
  return failures < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      staleTime: 30_000,
      gcTime: 24 * 60 * 60 * 1000,
      // The client tracks reachability itself (the offline banner); keep asking, keep old data.
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

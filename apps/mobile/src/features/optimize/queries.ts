import { Dashboard } from '@quento/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  me: () => [...dashboardKeys.all, 'me'] as const,
};

export function useDashboard() {
  return useQuery({
    queryKey: dashboardKeys.me(),
    queryFn: () => api.get('/users/me/dashboard', { schema: Dashboard }),
  });
}

/** Axis labels for the history: times when every analysis is from one day, dates otherwise. */
export function historyLabels(isoDates: string[]): string[] {
  const days = new Set(isoDates.map((d) => new Date(d).toDateString()));
  return isoDates.map((d) =>
    new Date(d).toLocaleString(
      undefined,
      days.size <= 1 ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' },
    ),
  );
}

import { type ActionUpdate, type Strategy, UpdateActionsResponse } from '@quento/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { accountKeys } from '../account/queries';
import { dashboardKeys } from '../optimize/queries';
import { strategyKeys } from '../plan/queries';
import { applyLocally, conflictItems, isVersionConflict, mergeItems } from './update-action';

/**
 * Saves one action's status, due date or notes with the version last seen. The change shows at
 * once; on a version conflict it is rolled back and the server's newer version is shown instead.
 */
export function useUpdateAction(strategyId: string) {
  const client = useQueryClient();
  const key = strategyKeys.detail(strategyId);
  return useMutation({
    mutationFn: (update: ActionUpdate) =>
      api.put(`/strategy/${strategyId}/actions`, {
        body: { actions: [update] },
        schema: UpdateActionsResponse,
      }),
    onMutate: async (update) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Strategy>(key);
      if (previous) client.setQueryData<Strategy>(key, applyLocally(previous, update));
      return { previous };
    },
    onError: (err, _update, ctx) => {
      const previous = ctx?.previous;
      if (!previous) return;
      const newer = isVersionConflict(err) ? conflictItems(err) : [];
      client.setQueryData<Strategy>(key, newer.length ? mergeItems(previous, newer) : previous);
      if (isVersionConflict(err)) void client.invalidateQueries({ queryKey: key });
    },
    onSuccess: (res) => {
      const current = client.getQueryData<Strategy>(key);
      if (current) client.setQueryData<Strategy>(key, mergeItems(current, res.action_items));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: strategyKeys.list() });
      void client.invalidateQueries({ queryKey: accountKeys.progress() });
      void client.invalidateQueries({ queryKey: dashboardKeys.all });
    },
  });
}

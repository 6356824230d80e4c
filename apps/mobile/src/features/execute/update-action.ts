import { ActionItem, type ActionUpdate, type Strategy } from '@quento/contracts';
import { ApiError } from '../../lib/api';

/** What the owner sees at once: the change applied locally, before the server answers. */
export function applyLocally(strategy: Strategy, update: ActionUpdate, now = new Date()): Strategy {
  return {
    ...strategy,
    action_items: strategy.action_items.map((a) => {
      if (a.id !== update.id) return a;
      const next = { ...a };
      if (update.status !== undefined) {
        next.status = update.status;
        next.completed_at = update.status === 'done' ? (a.completed_at ?? now.toISOString()) : null;
      }
      if (update.due_date !== undefined) next.due_date = update.due_date;
      if (update.notes !== undefined) next.notes = update.notes;
      return next;
    }),
  };
}

/** Replaces the strategy's copies of these items with the server's (newer) ones. */
export function mergeItems(strategy: Strategy, items: ActionItem[]): Strategy {
  const byId = new Map(items.map((i) => [i.id, i]));
  const action_items = strategy.action_items.map((a) => byId.get(a.id) ?? a);
  const done = action_items.filter((a) => a.status === 'done').length;
  return { ...strategy, action_items, progress: { ...strategy.progress, done } };
}

/** A 409 because someone else saved first. The API calls it VERSION_CONFLICT (CONFLICT tolerated). */
export function isVersionConflict(err: unknown): err is ApiError {
  return (
    err instanceof ApiError &&
    err.status === 409 &&
    (err.code === 'VERSION_CONFLICT' || err.code === 'CONFLICT')
  );
}

/** The server's current items sent with a version conflict (`details.current`). */
export function conflictItems(err: ApiError): ActionItem[] {
  const current = (err.details as { current?: unknown } | undefined)?.current;
  const parsed = ActionItem.array().safeParse(current);
  return parsed.success ? parsed.data : [];
}

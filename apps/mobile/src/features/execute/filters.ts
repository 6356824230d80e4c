import type { ActionItem, ActionStatus } from '@quento/contracts';

export interface ActionFilters {
  status: ActionStatus | 'all';
  priority: string | 'all';
  category: string | 'all';
}

export const NO_FILTERS: ActionFilters = { status: 'all', priority: 'all', category: 'all' };

export function filterActions(items: ActionItem[], f: ActionFilters): ActionItem[] {
  return items.filter(
    (a) =>
      (f.status === 'all' || a.status === f.status) &&
      (f.priority === 'all' || a.priority === f.priority) &&
      (f.category === 'all' || a.category === f.category),
  );
}

/** The values present in the list, so a filter never offers an empty choice. */
export function presentValues(items: ActionItem[], key: 'priority' | 'category'): string[] {
  const values = [...new Set(items.map((a) => a[key]).filter((v): v is string => !!v))];
  return key === 'priority'
    ? values.sort((a, b) => rank(a) - rank(b))
    : values.sort((a, b) => a.localeCompare(b));
}

const PRIORITY_ORDER = ['critical', 'high', 'medium', 'low'];
const rank = (p: string) => (PRIORITY_ORDER.indexOf(p) + 5) % 5;

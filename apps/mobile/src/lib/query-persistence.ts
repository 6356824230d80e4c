import { dehydrate, hydrate, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { readPersisted, removePersisted, writePersisted } from '../stores/persisted';

const KEY = 'quento.query-cache.v1';
const WRITE_DELAY_MS = 1000;

// The cache is whatever TanStack dehydrated; only its envelope is checked here.
const PersistedCache = z.object({
  savedAt: z.number().default(0),
  state: z
    .object({
      queries: z.array(z.unknown()).default([]),
      mutations: z.array(z.unknown()).default([]),
    })
    .default({ queries: [], mutations: [] }),
});

/**
 * Keeps the last-known server data on the device, so a start without a connection still shows the
 * owner's profile, analysis and plan (with the offline banner). Returns a stop function.
 */
export async function persistQueries(client: QueryClient): Promise<() => void> {
  const stored = await readPersisted(KEY, PersistedCache);
  if (stored.state.queries.length > 0) {
    // biome-ignore lint/suspicious/noExplicitAny: TanStack's dehydrated shape, checked by TanStack itself.
    hydrate(client, stored.state as any);
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = client.getQueryCache().subscribe(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const state = dehydrate(client, {
        shouldDehydrateQuery: (q) => q.state.status === 'success',
      });
      void writePersisted(KEY, { savedAt: Date.now(), state });
    }, WRITE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/** On sign-out nothing of the last owner's data stays on the device. */
export async function clearPersistedQueries(client: QueryClient): Promise<void> {
  client.clear();
  await removePersisted(KEY);
}

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'expo-router';
import { useCallback, useState } from 'react';
import { CORE_SESSION, chatKeys, fetchSessions, latestSession, useCreateSession } from './queries';

/**
 * Opens the core-story chat: the open ring-1 conversation if there is one, else a new one.
 * `error` holds why it could not (shown by the caller next to its button).
 */
export function useOpenCoreChat() {
  const router = useRouter();
  const client = useQueryClient();
  const create = useCreateSession();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const open = useCallback(
    async (opts: { fresh?: boolean; beforeNavigate?: () => void } = {}) => {
      setError(null);
      setPending(true);
      try {
        let id: string | null = null;
        if (!opts.fresh) {
          const list = await client.fetchQuery({
            queryKey: chatKeys.sessions(),
            queryFn: fetchSessions,
          });
          id = latestSession(list, 'core')?.id ?? null;
        }
        id ??= (await create.mutateAsync(CORE_SESSION)).id;
        opts.beforeNavigate?.();
        router.push({ pathname: '/chat', params: { session: id } });
        return true;
      } catch (err) {
        setError(err);
        return false;
      } finally {
        setPending(false);
      }
    },
    [client, create, router],
  );
  return { open, error, pending };
}

import { ProgressResponse, type UpdateMeRequest, User } from '@quento/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useAuth } from '../../stores/auth-store';

/** Query keys of the signed-in account; every hook below uses these. */
export const accountKeys = {
  all: ['account'] as const,
  me: () => [...accountKeys.all, 'me'] as const,
  progress: () => [...accountKeys.all, 'progress'] as const,
};

export function useMe() {
  return useQuery({
    queryKey: accountKeys.me(),
    queryFn: async () => {
      const me = await api.get('/users/me', { schema: User });
      useAuth.getState().setUser(me);
      return me;
    },
    initialData: () => useAuth.getState().user ?? undefined,
  });
}

export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateMeRequest) => api.put('/users/me', { body: patch, schema: User }),
    onSuccess: (me) => {
      client.setQueryData(accountKeys.me(), me);
      useAuth.getState().setUser(me);
    },
  });
}

/** Where the owner stands in the five rings. */
export function useProgress() {
  return useQuery({
    queryKey: accountKeys.progress(),
    queryFn: () => api.get('/users/me/progress', { schema: ProgressResponse }),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { clearPersistedQueries } from '../../lib/query-persistence';
import { useAuth } from '../../stores/auth-store';
import { usePreferences } from '../../stores/preferences-store';

/** Deletes the account (the password proves it is the owner), then leaves nothing on the device. */
export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.delete('/users/me', { body: { password } }),
    onSuccess: async () => {
      useAuth.getState().signOut();
      usePreferences.getState().set({ onboardingDone: false });
      await clearPersistedQueries(client);
    },
  });
}

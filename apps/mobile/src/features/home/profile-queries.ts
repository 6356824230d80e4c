import { ProfileResponse, type UpdateProfileRequest } from '@quento/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { accountKeys } from '../account/queries';

/** Query keys of the business profile. */
export const profileKeys = {
  all: ['profile'] as const,
  detail: () => [...profileKeys.all, 'me'] as const,
};

/** The profile query, shared by every screen that reads the profile (one cache entry). */
export const profileQuery = {
  queryKey: profileKeys.detail(),
  queryFn: () => api.get('/users/me/profile', { schema: ProfileResponse }),
};

export function useProfile() {
  return useQuery(profileQuery);
}

/** Saves the owner's corrections; ring progress follows the profile, so it is fetched again. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateProfileRequest) =>
      api.put('/users/me/profile', { body: patch, schema: ProfileResponse }),
    onSuccess: (profile) => {
      client.setQueryData(profileKeys.detail(), profile);
      void client.invalidateQueries({ queryKey: accountKeys.progress() });
    },
  });
}

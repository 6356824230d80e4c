import {
  AuthResponse,
  type ForgotPasswordRequest,
  type LoginRequest,
  MessageResponse,
  type RegisterRequest,
  type ResetPasswordRequest,
} from '@quento/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, toSession } from '../../lib/api';
import { clearPersistedQueries } from '../../lib/query-persistence';
import { useAuth } from '../../stores/auth-store';
import { usePreferences } from '../../stores/preferences-store';
import { accountKeys } from '../account/queries';

function signedIn(res: AuthResponse, client: ReturnType<typeof useQueryClient>) {
  client.setQueryData(accountKeys.me(), res.user);
  useAuth.getState().signIn(toSession(res), res.user);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) =>
      api.post('/auth/login', { body, auth: false, schema: AuthResponse }),
    onSuccess: (res) => signedIn(res, client),
  });
}

export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterRequest) =>
      api.post('/auth/register', { body, auth: false, schema: AuthResponse }),
    onSuccess: (res) => {
      // A new account sees the onboarding, even on a device where someone finished it before.
      usePreferences.getState().set({ onboardingDone: false });
      signedIn(res, client);
    },
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (body: ForgotPasswordRequest) =>
      api.post('/auth/forgot-password', { body, auth: false, schema: MessageResponse }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: ResetPasswordRequest) =>
      api.post('/auth/reset-password', { body, auth: false, schema: MessageResponse }),
  });
}

/** Ends the session here and on the server, and leaves none of the owner's data on the device. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const session = useAuth.getState().session;
      if (session) {
        // Best effort: even offline, the device forgets the tokens.
        await api
          .post('/auth/logout', { body: { refresh_token: session.refreshToken }, auth: false })
          .catch(() => undefined);
      }
    },
    onSettled: async () => {
      useAuth.getState().signOut();
      await clearPersistedQueries(client);
    },
  });
}

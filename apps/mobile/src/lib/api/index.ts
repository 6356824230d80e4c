import { useAuth } from '../../stores/auth-store';
import { useNetwork } from '../../stores/network-store';
import { usePreferences } from '../../stores/preferences-store';
import { queryClient } from '../query-client';
import { clearPersistedQueries } from '../query-persistence';
import { createApiClient } from './client';
import { defaultApiUrl } from './default-api-url';

export { ApiError } from './api-error';
export type { ApiClient, Session } from './client';
export { toSession } from './client';

/** The API's origin without a trailing slash: the owner's choice (devices), else the default. */
export function apiBaseUrl(): string {
  return (usePreferences.getState().apiUrl ?? defaultApiUrl()).replace(/\/+$/, '');
}

/** The app's one client, wired to the auth store and the offline banner. */
export const api = createApiClient({
  baseUrl: apiBaseUrl,
  session: {
    get: () => useAuth.getState().session,
    set: (session) => useAuth.getState().setSession(session),
  },
  onNetwork: (online) => useNetwork.getState().setOnline(online),
  // The refresh token was refused: nothing of this owner's data stays on the device.
  onSessionEnded: () => void clearPersistedQueries(queryClient),
});

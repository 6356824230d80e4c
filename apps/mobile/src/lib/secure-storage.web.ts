/**
 * Secrets on the web. Browsers have no keychain: the refresh token lives in localStorage so a
 * reload keeps the owner signed in. Script injected into the page could read it; the API's strict
 * Content-Security-Policy, short access tokens and rotating refresh tokens (reuse revokes the whole
 * family) bound what a stolen token is worth. See the README, "Tokens on the web".
 */
function store(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // Storage disabled (private mode, policy): the session then lasts one page load.
  }
}

export const secureStorage = {
  get: async (key: string): Promise<string | null> => store()?.getItem(key) ?? null,
  set: async (key: string, value: string): Promise<void> => store()?.setItem(key, value),
  remove: async (key: string): Promise<void> => store()?.removeItem(key),
};

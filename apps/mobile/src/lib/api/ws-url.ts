import { apiBaseUrl } from './index';

/**
 * The WebSocket address of an API path. The web app built without an API address talks to its
 * own origin, so an empty base means the page's.
 */
export function wsUrl(path: string): string {
  const base = apiBaseUrl() || (globalThis.location?.origin ?? '');
  return `${base.replace(/^http/, 'ws')}${path}`;
}

/** The sub-protocols that authenticate a socket without putting the token in the URL. */
export function wsProtocols(accessToken: string): string[] {
  return ['quento.v1', `bearer.${accessToken}`];
}

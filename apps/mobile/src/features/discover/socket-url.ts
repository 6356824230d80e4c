import { apiBaseUrl } from '../../lib/api';

/** ws(s):// address of an API WebSocket path; the page's own origin when the API shares it. */
export function socketUrl(path: string): string {
  let base = apiBaseUrl();
  if (!base && typeof globalThis.location !== 'undefined') base = globalThis.location.origin;
  return `${base.replace(/^http/, 'ws')}${path}`;
}

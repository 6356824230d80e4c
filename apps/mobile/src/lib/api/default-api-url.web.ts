import { env } from '../env';

/** The web app is served by the API itself, so it calls its own origin unless built otherwise. */
export function defaultApiUrl(): string {
  return env.apiUrl ?? '';
}

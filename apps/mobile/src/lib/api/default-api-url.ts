import { env } from '../env';

/** On a device the API is elsewhere: the build's setting, else a local API (simulator, emulator). */
export function defaultApiUrl(): string {
  return env.apiUrl ?? 'http://localhost:8000';
}

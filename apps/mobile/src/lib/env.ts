/**
 * Build-time settings, read once. Expo inlines `process.env.EXPO_PUBLIC_*` when it bundles.
 *
 * - EXPO_PUBLIC_API_URL: where the API answers, e.g. `http://192.168.1.20:8000` for a phone on the
 *   same network. Unset on the web build: the app is served by the API, so it calls its own origin.
 *   On devices the owner can change it in Settings (self-hosting); that choice wins over this one.
 */
export const env = {
  apiUrl: process.env.EXPO_PUBLIC_API_URL ?? null,
} as const;

/**
 * The store's key layout. Everything of a user's lives under `users/<user id>/`, so deleting the
 * account deletes one prefix; an analysis's files live under its own folder for the same reason.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** True for keys of our layout: segments of letters, digits, `.`, `_`, `-`; no `..`, no empty one. */
export function isValidKey(key: string): boolean {
  if (key.length > 1024) return false;
  const parts = key.split('/');
  return parts.every((p) => SEGMENT.test(p) && !p.includes('..'));
}

/** Throws on a key outside the layout: a bug in the caller, never a user's input. */
export function assertKey(key: string): string {
  if (!isValidKey(key)) throw new Error(`invalid file key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

/** A prefix (folder) of the layout: valid segments followed by `/`. */
export function assertPrefix(prefix: string): string {
  if (!prefix.endsWith('/') || !isValidKey(prefix.slice(0, -1))) {
    throw new Error(`invalid file prefix: ${JSON.stringify(prefix.slice(0, 80))}`);
  }
  return prefix;
}

export const fileKeys = {
  user: (userId: string) => `users/${userId}/`,
  exports: (userId: string) => `users/${userId}/exports/`,
  export: (userId: string, id: string, extension: string) =>
    `users/${userId}/exports/${id}.${extension}`,
  analysis: (userId: string, analysisId: string) => `users/${userId}/analyses/${analysisId}/`,
  screenshot: (userId: string, analysisId: string) =>
    `users/${userId}/analyses/${analysisId}/homepage.jpg`,
};

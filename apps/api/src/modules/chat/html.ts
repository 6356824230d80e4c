/** An absolute http(s) URL for an href on a page, or null (mailto:, javascript:, junk). */
export function resolveHref(href: string, base: string): string | null {
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

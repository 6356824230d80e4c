/**
 * Which site an analysis is of, so that a re-analysis finds its predecessor: the origin, lower-case,
 * without a leading `www.` and without the default port.
 */
export function siteKeyOf(input: string): string | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return `${host}${url.port ? `:${url.port}` : ''}`;
}

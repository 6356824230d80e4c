/** What the owner typed, as an address the API accepts: `example.com` gets `https://`. */
export function withScheme(input: string): string {
  const t = input.trim();
  if (!t) return t;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
}

/** One address per line (or separated by commas), blanks dropped. */
export function splitUrls(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(withScheme);
}

/** The primary language subtag, lower-cased: "de" for "de-CH". */
export function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

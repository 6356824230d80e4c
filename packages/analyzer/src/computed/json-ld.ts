import type { PageArtifacts } from '../artifacts/types.ts';
import { LOCAL_BUSINESS_TYPES } from '../lists/local-business-types.ts';
import { memoize } from './memoize.ts';

export type JsonLdNode = Record<string, unknown>;

/** "https://schema.org/Bakery", "schema:Bakery", "Bakery" -> "Bakery". */
export function typeName(t: string): string {
  return t.replace(/^(https?:\/\/schema\.org\/|schema:)/i, '');
}

/** A node's `@type` values as written. */
export function rawTypes(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const t = (node as JsonLdNode)['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** A node's types without the schema.org prefix. */
export function typesOf(node: JsonLdNode): string[] {
  return rawTypes(node).map(typeName);
}

/** Every object in a page's JSON-LD blocks (roots, @graph members and nested values). */
export const jsonLdNodes = memoize((page: PageArtifacts): JsonLdNode[] => {
  const out: JsonLdNode[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 8 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
      return;
    }
    out.push(value as JsonLdNode);
    for (const v of Object.values(value)) walk(v, depth + 1);
  };
  for (const text of page.jsonLd) {
    try {
      walk(JSON.parse(text), 0);
    } catch {
      // Blocks that do not parse are structured-data's finding, not this one's.
    }
  }
  return out;
});

/** The page's LocalBusiness (or subtype) nodes. */
export function localBusinessNodes(page: PageArtifacts): JsonLdNode[] {
  return jsonLdNodes(page).filter((n) => typesOf(n).some((t) => LOCAL_BUSINESS_TYPES.has(t)));
}

/** A text value, or the `name` of an object value ("areaServed": {"@type": "City", "name": ...}). */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const name = (value as JsonLdNode).name;
    return typeof name === 'string' ? name.trim() || null : null;
  }
  return null;
}

/** A value that may be one item or a list, as texts. */
export function textsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(textOf).filter((t): t is string => t !== null);
}

/** A schema.org address (text or PostalAddress) as one line. */
export function addressText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return addressText(value[0]);
  if (!value || typeof value !== 'object') return null;
  const a = value as JsonLdNode;
  const parts = ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode']
    .map((k) => textOf(a[k]))
    .filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}

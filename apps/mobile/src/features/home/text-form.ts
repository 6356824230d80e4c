/**
 * The profile editor holds every field as text: a list as one item per line. These turn stored
 * values into that text and back into a patch of only what changed.
 */
type Value = string | string[] | null;
type FieldSpec<K extends string> = { key: K; list: boolean };

export function toTextForm<K extends string>(
  fields: readonly FieldSpec<K>[],
  values: Record<K, Value>,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const f of fields) {
    const v: Value = values[f.key];
    out[f.key] = Array.isArray(v) ? v.join('\n') : (v ?? '');
  }
  return out;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Only what changed: a cleared text field becomes null, a list is replaced whole. `normalise`
 * reads a typed value as the API will store it, so "us" for a stored "US" is no change.
 */
export function changedValues<K extends string>(
  fields: readonly FieldSpec<K>[],
  form: Record<K, string>,
  original: Record<K, Value>,
  normalise: (key: K, typed: string) => string = (_k, typed) => typed,
): Partial<Record<K, string | string[] | null>> {
  const patch: Partial<Record<K, string | string[] | null>> = {};
  for (const f of fields) {
    const before = original[f.key];
    if (f.list) {
      const next = lines(form[f.key]);
      const prev = Array.isArray(before) ? before : [];
      if (next.join('\n') !== prev.join('\n')) patch[f.key] = next;
    } else {
      const typed = form[f.key].trim();
      const next = typed ? normalise(f.key, typed) : null;
      if (next !== before) patch[f.key] = next;
    }
  }
  return patch;
}

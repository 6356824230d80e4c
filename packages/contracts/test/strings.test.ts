import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as contracts from '../src/index.ts';
import { isCleanText, LIMITS, Settings } from '../src/index.ts';

// Every request schema (what a client sends): `*Request`, `*Query`, `*ClientEvent`.
const requestSchemas = Object.entries(contracts).filter(
  ([name, value]) =>
    /(Request|Query|ClientEvent)$/.test(name) &&
    typeof value === 'object' &&
    value &&
    '_zod' in value,
) as Array<[string, z.ZodType]>;

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

/** Every string schema inside `schema`, with its path. */
function strings(schema: z.ZodType, path: string, out: Array<[string, z.ZodType]>) {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  if (def.type === 'string') out.push([path, schema]);
  for (const inner of [def.innerType, def.in, def.element, def.keyType, def.valueType])
    if (inner) strings(inner, path, out);
  for (const [k, v] of Object.entries(def.shape ?? {})) strings(v, `${path}.${k}`, out);
  for (const o of def.options ?? []) strings(o, path, out);
  return out;
}

const SAMPLES = ['abcdefghij', 'owner@example.com', 'https://example.com/'];

describe('strings the contracts accept', () => {
  it('finds the request schemas', () => {
    expect(requestSchemas.map(([n]) => n)).toEqual(
      expect.arrayContaining(['RegisterRequest', 'UpdateMeRequest', 'SendMessageRequest']),
    );
  });

  it.each(requestSchemas)(
    '%s: every string refuses NUL bytes and lone surrogates',
    (_n, schema) => {
      for (const [path, s] of strings(schema, '', [])) {
        const sample = SAMPLES.find((v) => s.safeParse(v).success);
        if (!sample) continue; // enums and formats with no free text (uuid, dates)
        for (const bad of ['\u0000', '\ud800', '\udfff']) {
          const tainted = sample.slice(0, 3) + bad + sample.slice(3);
          expect(s.safeParse(tainted).success, `${path} accepted ${JSON.stringify(tainted)}`).toBe(
            false,
          );
        }
      }
    },
  );

  it('isCleanText keeps paired surrogates (emoji) and refuses unpaired ones', () => {
    expect(isCleanText('café 🍞')).toBe(true);
    expect(isCleanText('\ud83c')).toBe(false);
    expect(isCleanText('a\u0000')).toBe(false);
  });

  it('settings: bounded depth, clean keys and values, size', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i += 1) deep = { a: deep };
    expect(Settings.safeParse(deep).success).toBe(false);
    let ok: unknown = 1;
    for (let i = 0; i < LIMITS.settingsDepth - 1; i += 1) ok = [ok];
    expect(Settings.safeParse({ a: ok }).success).toBe(true);
    expect(Settings.safeParse({ a: [ok] }).success).toBe(false);
    expect(Settings.safeParse({ theme: 'dark', n: [1, { b: null }] }).success).toBe(true);
    expect(Settings.safeParse({ big: 'x'.repeat(LIMITS.settingsBytes) }).success).toBe(false);
  });
});

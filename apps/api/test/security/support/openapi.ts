import { ErrorCode } from '@quento/contracts';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { App } from '../../../src/app.ts';

/** A JSON Schema node as zod writes it into the OpenAPI document. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

/** One operation of /openapi.json: what the suite drives. */
export interface Operation {
  method: string;
  path: string;
  secured: boolean;
  parameters: Parameter[];
  body?: Schema;
}

export async function operations(app: App): Promise<Operation[]> {
  const doc = (await app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          security?: unknown[];
          parameters?: Parameter[];
          requestBody?: { content: { 'application/json': { schema: Schema } } };
        }
      >
    >;
  };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      out.push({
        method: method.toUpperCase(),
        path,
        secured: (op.security?.length ?? 0) > 0,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json'].schema,
      });
    }
  }
  return out;
}

/** Fills `{name}` placeholders of an OpenAPI path. */
export const fillPath = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? name));

/**
 * A valid value for `schema`, every optional property included (so refinements that need "at
 * least one of" pass), and `pick` for fields that need a real id.
 */
export function sample(
  schema: Schema,
  pick: (key: string) => unknown = () => undefined,
  key = '',
): unknown {
  const picked = pick(key);
  if (picked !== undefined) return picked;
  if (schema.anyOf) return sample(schema.anyOf[0]!, pick, key);
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, pick, k)]),
      );
    case 'array':
      return schema.items ? [sample(schema.items, pick, key)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date') return '2027-01-01';
      if (schema.format === 'date-time') return '2027-01-01T00:00:00.000Z';
      if (key.includes('email')) return 'sample@example.com';
      if (key.includes('url') || key === 'competitors') return 'https://example.com/';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, Math.min(8, schema.maxLength ?? 8)));
    default:
      return {};
  }
}

/** Strings an attacker tries: control characters, lone surrogates, huge, unicode, injections. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    'http://169.254.169.254/latest/meta-data/',
    'file:///etc/passwd',
    '{{7*7}}',
    'x'.repeat(10_000),
  ),
);

/** Values shaped by `schema`, with the bounds and types sometimes broken on purpose. */
export function arbitrary(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const wild = fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }), fc.constant(null));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitrary(s, depth)), wild);
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), wild);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let shaped: fc.Arbitrary<unknown>;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (props.length === 0 || depth > 3) {
        shaped = fc.dictionary(nasty, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
        break;
      }
      shaped = fc
        .record(
          Object.fromEntries(props.map(([k, v]) => [k, arbitrary(v, depth + 1)])) as Record<
            string,
            fc.Arbitrary<unknown>
          >,
          { requiredKeys: [] },
        )
        .chain((r) =>
          fc.oneof(
            { weight: 4, arbitrary: fc.constant(r) },
            // mass assignment and unknown keys
            fc.constant({ ...r, is_admin: true, user_id: '00000000-0000-4000-8000-000000000000' }),
          ),
        );
      break;
    }
    case 'array':
      shaped = fc.array(schema.items ? arbitrary(schema.items, depth + 1) : fc.jsonValue(), {
        maxLength: Math.min(schema.maxItems ?? 3, 3) + 1,
      });
      break;
    case 'integer':
      shaped = fc.oneof(
        fc.integer({
          min: schema.minimum ?? -1000,
          max: Math.min(schema.maximum ?? 1000, 2 ** 31),
        }),
        fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 53), 1.5),
      );
      break;
    case 'number':
      shaped = fc.double();
      break;
    case 'boolean':
      shaped = fc.boolean();
      break;
    case 'string':
      shaped =
        schema.format === 'uuid'
          ? fc.uuid()
          : schema.format === 'date'
            ? fc.constantFrom('2027-01-01', '0000-01-01', '2026-02-30', '99999-01-01')
            : fc.oneof(
                fc.string({ minLength: schema.minLength ?? 0, maxLength: 30 }),
                fc.webUrl(),
                fc.emailAddress(),
                nasty,
              );
      break;
    default:
      shaped = fc.jsonValue({ maxDepth: 2 });
  }
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: wild });
}

const CODES = new Set<string>(ErrorCode.options);

/** The standard error body: a known code, a message and the request id, nothing else. */
export function expectStandardError(status: number, text: string, where: string) {
  expect(status, `${where} → ${status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return;
  const body = JSON.parse(text) as { error?: Record<string, unknown> };
  expect(Object.keys(body), where).toEqual(['error']);
  const e = body.error ?? {};
  expect(CODES.has(String(e.code)), `${where}: unknown code ${String(e.code)}`).toBe(true);
  expect(typeof e.message, where).toBe('string');
  expect(typeof e.request_id, where).toBe('string');
}

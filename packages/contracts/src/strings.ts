import { z } from 'zod';

/**
 * Field lengths, one constant per field: the request schemas here and the database columns
 * (apps/api/src/db/schema.ts) both read them, so a value the schema accepts always fits.
 */
export const LIMITS = {
  email: 254,
  password: 128,
  /** Person and company names, a business's name. */
  name: 255,
  /** Chat session and action item titles. */
  title: 255,
  /** Every URL a client sends or a profile holds (analysis site, competitors, website). */
  url: 2048,
  /** One chat message: long enough for a pasted brief, short enough to bound cost. */
  message: 8000,
  notes: 5000,
  /** Refresh and reset tokens as the client holds them. */
  token: 512,
  settingsKey: 100,
  settingsBytes: 16_384,
  /** Nesting of `settings`: objects and arrays inside each other. */
  settingsDepth: 16,
  /** Profile free text (offering, audience, each differentiator and goal). */
  profileText: 2000,
  /** One differentiator or goal, and how many a profile keeps of each. */
  profileItem: 500,
  profileItems: 20,
  /** Competitor addresses a request or a profile holds. */
  competitors: 5,
  /** A business's phone number and postal address, as the owner writes them. */
  phone: 40,
  address: 300,
  /** Dates a client sets (due dates), as YYYY-MM-DD. */
  minDate: '1900-01-01',
  maxDate: '9999-12-31',
} as const;

/** False for strings PostgreSQL cannot store (U+0000) or that are not valid UTF-16 (lone surrogates). */
export function isCleanText(value: string): boolean {
  // A loop rather than String#isWellFormed: the app's JavaScript engines may lack it.
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

const CLEAN = { error: 'must not contain NUL characters or unpaired surrogates' } as const;

/** The base of every string a request carries: NUL bytes and lone surrogates are refused. */
export const text = () => z.string().refine(isCleanText, CLEAN);

/** Walks a JSON value: every key and string clean, nesting at most `maxDepth`. */
function cleanJson(value: unknown, maxDepth: number, depth = 0): string | null {
  if (typeof value === 'string') return isCleanText(value) ? null : CLEAN.error;
  if (value === null || typeof value !== 'object') return null;
  if (depth > maxDepth) return `must not nest deeper than ${maxDepth} levels`;
  for (const [key, inner] of Object.entries(value)) {
    if (!Array.isArray(value) && !isCleanText(key)) return `keys ${CLEAN.error}`;
    const problem = cleanJson(inner, maxDepth, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * A free-form JSON object from a client: bounded in size and depth, clean strings and keys.
 * Checked by walking the value rather than with z.json(), whose recursive schema overflows the
 * stack on deep input and leaves a dangling $ref in the OpenAPI document.
 */
export function jsonObject(maxBytes: number, maxDepth: number) {
  return z
    .record(text().max(LIMITS.settingsKey), z.unknown())
    .superRefine((value, ctx) => {
      const problem = cleanJson(value, maxDepth, 1);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (JSON.stringify(value).length > maxBytes)
        ctx.addIssue({ code: 'custom', message: `must be at most ${maxBytes} bytes as JSON` });
    })
    .meta({ description: `A JSON object, at most ${maxBytes} bytes and ${maxDepth} levels deep` });
}

import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The variables config.ts reads: the keys of its EnvSchema (two-space indented `NAME:` lines). */
export function configVariables(): string[] {
  return [...read('../../src/config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)]
    .map((m) => m[1]!)
    .sort();
}

/** `.env.example` as written: each documented variable and its example value. */
export function documentedEnv(): Record<string, string> {
  return Object.fromEntries(
    [...read('../../../../.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=([^#\n]*)/gm)].map((m) => [
      m[1]!,
      (m[2] ?? '').trim(),
    ]),
  );
}

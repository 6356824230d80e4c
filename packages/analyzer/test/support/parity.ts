import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSite } from '../../src/analyze.ts';
import type { AuditResult } from '../../src/audits/audit.ts';
import { FIXTURES, serveFixture } from './fixture-server.ts';

/** One expectation of a page's audit, as plain data in lighthouse-parity/expected.json. */
interface AuditExpectation {
  score: number | null;
  /** A count, or the items in order (only the fields given are compared). */
  items?: number | Record<string, unknown>[];
  displayValue?: string;
  /** Set where Quento differs from Lighthouse on purpose: why. */
  difference?: string;
  lighthouseScore?: number | null;
}

interface ParityFile {
  pages: Record<string, { lighthouse: string; audits: Record<string, AuditExpectation> }>;
}

export interface ParityCheck {
  page: string;
  audit: string;
  /** `score`, `items` or `displayValue`. */
  field: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
  /** A deliberate difference from Lighthouse: the expectation is Quento's, not Lighthouse's. */
  difference?: string;
}

export const PARITY_EXPECTED: ParityFile = JSON.parse(
  readFileSync(join(FIXTURES, 'lighthouse-parity/expected.json'), 'utf8'),
);

function sameItems(expected: Record<string, unknown>[], actual: AuditResult['items']): boolean {
  return (
    expected.length === actual.length &&
    expected.every((want, i) =>
      Object.entries(want).every(([k, v]) => (actual[i]?.[k] ?? null) === v),
    )
  );
}

function compare(page: string, audit: string, want: AuditExpectation, got?: AuditResult) {
  const base = { page, audit, ...(want.difference ? { difference: want.difference } : {}) };
  const checks: ParityCheck[] = [
    {
      ...base,
      field: 'score',
      expected: want.score,
      actual: got?.score,
      ok: got?.score === want.score,
    },
  ];
  if (want.items !== undefined) {
    const items = got?.items ?? [];
    const ok =
      typeof want.items === 'number' ? items.length === want.items : sameItems(want.items, items);
    const actual = typeof want.items === 'number' ? items.length : items;
    checks.push({ ...base, field: 'items', expected: want.items, actual, ok });
  }
  if (want.displayValue !== undefined) {
    const ok = got?.displayValue === want.displayValue;
    checks.push({
      ...base,
      field: 'displayValue',
      expected: want.displayValue,
      actual: got?.displayValue,
      ok,
    });
  }
  return checks;
}

/**
 * Analyses each parity page alone (as Lighthouse analyses one page) in the given mode and
 * compares the audits with the expectations. Rendered mode needs Chromium.
 */
export async function runParity(render: boolean): Promise<ParityCheck[]> {
  const server = await serveFixture('lighthouse-parity');
  try {
    const checks: ParityCheck[] = [];
    for (const [path, page] of Object.entries(PARITY_EXPECTED.pages)) {
      const report = await analyzeSite({
        url: `${server.origin}${path}`,
        maxDepth: 0,
        render,
        allowOrigins: [server.origin],
        requestTimeoutMs: 10_000,
      });
      const audits = report.pages[0]?.audits ?? {};
      for (const [id, want] of Object.entries(page.audits)) {
        checks.push(...compare(path, id, want, audits[id]));
      }
    }
    return checks;
  } finally {
    await server.close();
  }
}

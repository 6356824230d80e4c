import { beforeAll, describe, expect, it } from 'vitest';
import { PARITY_EXPECTED, type ParityCheck, runParity } from './support/parity.ts';

// Lighthouse renders every page, so parity is judged in rendered mode (one Chromium per page).
let checks: ParityCheck[];
beforeAll(async () => {
  checks = await runParity(true);
}, 120_000);

describe('Lighthouse parity on its SEO smoke-test behaviours (rendered)', () => {
  for (const [path, page] of Object.entries(PARITY_EXPECTED.pages)) {
    for (const id of Object.keys(page.audits)) {
      it(`${path} ${id} (${page.lighthouse})`, () => {
        for (const c of checks.filter((x) => x.page === path && x.audit === id)) {
          expect(c.actual, `${c.field}`).toEqual(
            c.field === 'items' && Array.isArray(c.expected) ? expect.anything() : c.expected,
          );
          expect(c.ok, `${c.field}: ${JSON.stringify(c.actual)}`).toBe(true);
        }
      });
    }
  }
});

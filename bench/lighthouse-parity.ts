/**
 * Lighthouse parity (not a test): `npm run bench:parity`.
 *
 * Runs the analyzer over our fixture pages for each behaviour of Lighthouse's SEO smoke tests
 * (packages/analyzer/test/fixtures/sites/lighthouse-parity), in static and in rendered mode, and
 * prints how many of the expectations (Lighthouse's verdicts, item counts and items) match.
 * Expectations marked as deliberate differences are counted apart.
 */
import { type ParityCheck, runParity } from '../packages/analyzer/test/support/parity.ts';

function tally(mode: string, checks: ParityCheck[], ms: number) {
  const parity = checks.filter((c) => !c.difference);
  const matched = parity.filter((c) => c.ok).length;
  const audits = new Set(parity.map((c) => `${c.page} ${c.audit}`));
  const auditsMatched = [...audits].filter((key) =>
    parity.filter((c) => `${c.page} ${c.audit}` === key).every((c) => c.ok),
  ).length;
  const kept = checks.filter((c) => c.difference && c.ok).length;
  process.stdout.write(
    `${mode.padEnd(8)} ${matched}/${parity.length} expectations, ${auditsMatched}/${audits.size} audits as Lighthouse; ` +
      `${kept}/${checks.length - parity.length} deliberate differences as documented; ${(ms / 1000).toFixed(1)} s\n`,
  );
  const show = (v: unknown) => (Array.isArray(v) ? `${v.length} items` : JSON.stringify(v));
  for (const c of checks.filter((x) => !x.ok)) {
    process.stdout.write(
      `  ${c.page} ${c.audit} ${c.field}: expected ${show(c.expected)}, got ${show(c.actual)}\n`,
    );
  }
}

for (const render of [false, true]) {
  const started = performance.now();
  const checks = await runParity(render);
  tally(render ? 'rendered' : 'static', checks, performance.now() - started);
}

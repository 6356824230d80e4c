// App budgets: the web build's JavaScript, the first screen's time to text, Lighthouse 12 on the
// served first screen, and the whole owner journey end to end. Everything runs on loopback: the
// real API in embedded mode serves the web build (as `npm start` does), beside a fixture site and
// the loopback OpenAI-compatible model.
//
//   npm run bench:app                 # all four; builds the web app first if it is stale
//   BENCH_SKIP=lighthouse,journey npm run bench:app
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { bakerySite } from '../e2e/support/bakery-site.ts';
import { launchChromium, PHONE } from '../e2e/support/browser.ts';
import { runJourney } from '../e2e/support/journey.ts';
import { startStack } from '../e2e/support/stack.ts';
import { freePort, root } from './lib.ts';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const dist = join(root, 'apps', 'mobile', 'dist');
const TARGET = {
  jsBytes: 2_000_000,
  firstTextMs: 1500,
  a11y: 0.95,
  practices: 0.95,
  perf: 0.75,
  journeyMs: 60_000,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function jsBudget() {
  const js = files(dist).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gz = 0;
  let br = 0;
  for (const f of js) {
    const body = readFileSync(f);
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
    br += brotliCompressSync(body).length;
  }
  return { files: js.length, raw, gz, br };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** Navigation start to the first screen's own text (the sign-in heading), five cold loads. */
async function firstText(appUrl: string) {
  const browser = await launchChromium();
  const shell: number[] = [];
  const app: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await page.goto(appUrl, { waitUntil: 'commit' });
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      const t = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        return { fcp, now: performance.now() };
      });
      shell.push(t.fcp);
      app.push(t.now);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { shellMs: median(shell), appMs: median(app), runs: app.map(Math.round) };
}

async function lighthouseScores(appUrl: string) {
  const port = await freePort();
  const browser = await launchChromium([`--remote-debugging-port=${port}`]);
  try {
    const result = await lighthouse(appUrl, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    if (!result) throw new Error('Lighthouse returned nothing');
    const { categories, audits } = result.lhr;
    return {
      perf: categories.performance?.score ?? 0,
      a11y: categories.accessibility?.score ?? 0,
      practices: categories['best-practices']?.score ?? 0,
      metrics: [
        'first-contentful-paint',
        'largest-contentful-paint',
        'total-blocking-time',
        'speed-index',
        'cumulative-layout-shift',
      ]
        .map((id) => `${id.replace(/-/g, ' ')} ${audits[id]?.displayValue ?? '?'}`)
        .join(', '),
    };
  } finally {
    await browser.close();
  }
}

async function journeyTime() {
  const stack = await startStack(bakerySite());
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const started = Date.now();
    await runJourney(page, stack);
    return Date.now() - started;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

async function main() {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-web.mjs'), '--strict'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('web build failed');

  const js = jsBudget();
  console.log(
    `web JavaScript: ${js.files} file(s), ${kb(js.raw)} uncompressed, ${kb(js.gz)} gzip, ${kb(js.br)} brotli` +
      ` (budget 2.0 MB uncompressed: ${verdict(js.raw <= TARGET.jsBytes)})`,
  );

  const stack = await startStack(bakerySite());
  try {
    const t = await firstText(stack.appUrl);
    console.log(
      `first screen: shell text at ${t.shellMs.toFixed(0)} ms, the sign-in screen at ${t.appMs.toFixed(0)} ms` +
        ` (median of 5: ${t.runs.join(', ')} ms; budget ${TARGET.firstTextMs} ms: ${verdict(t.appMs <= TARGET.firstTextMs)})`,
    );
    if (!skip.has('lighthouse')) {
      const lh = await lighthouseScores(stack.appUrl);
      console.log(
        `Lighthouse 12 (mobile defaults): performance ${Math.round(lh.perf * 100)} (${verdict(lh.perf >= TARGET.perf)}),` +
          ` accessibility ${Math.round(lh.a11y * 100)} (${verdict(lh.a11y >= TARGET.a11y)}),` +
          ` best practices ${Math.round(lh.practices * 100)} (${verdict(lh.practices >= TARGET.practices)}); ${lh.metrics}`,
      );
    }
  } finally {
    await stack.stop();
  }

  if (!skip.has('journey')) {
    const ms = await journeyTime();
    console.log(
      `journey (register to sign-out, 12 steps): ${(ms / 1000).toFixed(1)} s (budget 60 s: ${verdict(ms <= TARGET.journeyMs)})`,
    );
  }
}

await main();

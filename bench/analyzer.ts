/**
 * Analyzer benchmark (not a test): `npx tsx bench/analyzer.ts [pages=200]`.
 *
 * Serves a generated site from a child process on loopback (so the server's CPU and memory are
 * not counted against the analyzer), then measures:
 *  - static mode over the whole site: pages/s and peak RSS of this process;
 *  - the same with an owner's story (the five story-to-site audits on every page's text);
 *  - rendered mode (system Chromium) over the same site: pages/s;
 *  - rendered mode with the home page's screenshot: the browser then loads images and each audited
 *    page blocks its own over the DevTools Fetch domain (pages/s, against the row above);
 *  - the screenshot's own cost on a 10-page static site: wall time and CPU (this process and the
 *    Chromium it started and reaped), median of 3 analyses with and without it;
 *  - the CLI on a 10-page site, from process start to exit.
 * Targets (issue 3): static >= 25 pages/s and <= 300 MB; rendered >= 3 pages/s; CLI < 3 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { analyzeSite } from '@quento/analyzer';
import { cpuWithReaped } from './proc.ts';

const PAGES = Number(process.argv[2] ?? 200);
const CLI = fileURLToPath(new URL('../packages/analyzer/bin/quento-analyze.mjs', import.meta.url));

// The generated site: N pages of ~400 words, each linking to the next few pages and a nav bar,
// all listed in a sitemap. Plain JS, run with `node -e` in a child process.
const SERVER = `
const http = require('node:http');
const n = Number(process.argv[1]);
const words = 'fresh seasonal flowers arranged by hand and delivered across the city every day of the week'.split(' ');
const text = (i) => Array.from({ length: 400 }, (_, k) => words[(i + k) % words.length]).join(' ');
const page = (i, origin) => '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ' + i + ' - Bench Florist</title>' +
  '<meta name="description" content="Benchmark page ' + i + '."><meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<link rel="canonical" href="' + origin + '/p/' + i + '.html"><meta property="og:title" content="Page ' + i + '"></head><body>' +
  '<nav>' + Array.from({ length: 10 }, (_, k) => '<a href="/p/' + k + '.html">Section ' + k + '</a>').join(' ') + '</nav>' +
  '<h1>Page ' + i + '</h1><p>' + text(i) + '</p><img src="/img.png" alt="flowers" width="10" height="10">' +
  Array.from({ length: 5 }, (_, k) => '<a href="/p/' + ((i * 5 + k + 1) % n) + '.html">Related page ' + ((i * 5 + k + 1) % n) + '</a>').join(' ') +
  '<script>document.body.dataset.ready = "1";</script></body></html>';
const server = http.createServer((req, res) => {
  const origin = 'http://' + req.headers.host;
  const m = req.url.match(/^\\/p\\/(\\d+)\\.html$/);
  if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(page(0, origin)); }
  if (m && Number(m[1]) < n) { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(page(Number(m[1]), origin)); }
  if (req.url === '/robots.txt') { res.writeHead(200, { 'content-type': 'text/plain' }); return res.end('User-agent: *\\nAllow: /\\nSitemap: ' + origin + '/sitemap.xml\\n'); }
  if (req.url === '/sitemap.xml') {
    res.writeHead(200, { 'content-type': 'application/xml' });
    return res.end('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      Array.from({ length: n }, (_, i) => '<url><loc>' + origin + '/p/' + i + '.html</loc></url>').join('') + '</urlset>');
  }
  if (req.url === '/img.png') { res.writeHead(200, { 'content-type': 'image/png' }); return res.end(Buffer.alloc(64)); }
  res.writeHead(404, { 'content-type': 'text/html' }); res.end('<title>Not found</title>');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function serve(pages: number): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER, String(pages)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { origin: `http://127.0.0.1:${chunk.toString().trim()}`, child };
}

function sampleRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

const mb = (b: number) => Math.round(b / 1024 / 1024);
/** CPU milliseconds of this process and of its reaped children (Chromium), from /proc. */
const cpuMs = (): number => cpuWithReaped(process.pid) * 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, string | number> = {};

const site = await serve(PAGES);
try {
  // Warm-up (module loading, JIT) on a few pages, so the figure is the crawl itself.
  await analyzeSite({ url: `${site.origin}/`, maxPages: 5, allowPrivate: true });

  const stopRss = sampleRss();
  let t = performance.now();
  const report = await analyzeSite({ url: `${site.origin}/`, maxPages: PAGES, allowPrivate: true });
  let s = (performance.now() - t) / 1000;
  const peak = stopRss();
  results.staticPages = report.pages.length;
  results.staticSeconds = Number(s.toFixed(2));
  results.staticPagesPerSecond = Number((report.pages.length / s).toFixed(1));
  results.staticPeakRssMB = mb(peak);

  // The story audits read every page's text (phones, addresses, stems): their cost on the crawl.
  t = performance.now();
  const storied = await analyzeSite({
    url: `${site.origin}/`,
    maxPages: PAGES,
    allowPrivate: true,
    story: {
      name: 'Bench Florist',
      phone: '+1 503 555 0142',
      address: '12 Harbor Street, Portland, OR 97201',
      services: ['seasonal flowers', 'hand-tied bouquets', 'wedding flowers'],
      serviceAreas: ['Portland', 'Beaverton'],
      openingHours: ['Mo-Sa 09:00-18:00'],
    },
  });
  s = (performance.now() - t) / 1000;
  results.storyPagesPerSecond = Number((storied.pages.length / s).toFixed(1));

  t = performance.now();
  const rendered = await analyzeSite({
    url: `${site.origin}/`,
    maxPages: PAGES,
    allowPrivate: true,
    render: true,
  });
  s = (performance.now() - t) / 1000;
  results.renderedPages = rendered.pages.length;
  results.renderedSeconds = Number(s.toFixed(2));
  results.renderedPagesPerSecond = Number((rendered.pages.length / s).toFixed(1));

  t = performance.now();
  const withShot = await analyzeSite({
    url: `${site.origin}/`,
    maxPages: PAGES,
    allowPrivate: true,
    render: true,
    screenshot: true,
  });
  s = (performance.now() - t) / 1000;
  if (!withShot.screenshot) throw new Error(`no screenshot: ${withShot.screenshotError?.message}`);
  results.renderedWithScreenshotPagesPerSecond = Number((withShot.pages.length / s).toFixed(1));
} finally {
  site.child.kill();
}

const shots = await serve(10);
try {
  for (const screenshot of [false, true]) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [t, c] = [performance.now(), cpuMs()];
      const r = await analyzeSite({ url: `${shots.origin}/`, allowPrivate: true, screenshot });
      wall.push(performance.now() - t);
      cpu.push(cpuMs() - c);
      if (screenshot && !r.screenshot) throw new Error(r.screenshotError?.message);
    }
    const key = screenshot ? 'withScreenshot' : 'withoutScreenshot';
    results[`static10Pages${key[0]!.toUpperCase()}${key.slice(1)}WallMs`] = Math.round(
      median(wall),
    );
    results[`static10Pages${key[0]!.toUpperCase()}${key.slice(1)}CpuMs`] = Math.round(median(cpu));
  }
} finally {
  shots.child.kill();
}

const small = await serve(10);
try {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const cli = spawn(process.execPath, [CLI, `${small.origin}/`, '--allow-private', '--json'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const [code] = (await once(cli, 'exit')) as [number];
    if (code !== 0) throw new Error(`CLI exited ${code}`);
    runs.push((performance.now() - t) / 1000);
  }
  results.cli10PagesSecondsMedian = Number(runs.sort((a, b) => a - b)[1]!.toFixed(2));
  results.cli10PagesSecondsRuns = runs.map((r) => r.toFixed(2)).join(', ');
} finally {
  small.child.kill();
}

console.log(JSON.stringify(results, null, 2));
const ok =
  Number(results.staticPagesPerSecond) >= 25 &&
  Number(results.staticPeakRssMB) <= 300 &&
  Number(results.renderedPagesPerSecond) >= 3 &&
  Number(results.cli10PagesSecondsMedian) < 3;
console.log(ok ? 'All targets met.' : 'Some targets missed (see issue 3 for the targets).');

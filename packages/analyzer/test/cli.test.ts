import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, type FixtureServer, serveFixture } from './support/fixture-server.ts';

const BIN = fileURLToPath(new URL('../bin/quento-analyze.mjs', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let site: FixtureServer;
let bakery: FixtureServer;
let dir: string;
beforeAll(async () => {
  site = await serveFixture('spa');
  bakery = await serveFixture('bakery');
  dir = await mkdtemp(join(tmpdir(), 'quento-cli-'));
});
afterAll(async () => {
  await site.close();
  await bakery.close();
  await rm(dir, { recursive: true, force: true });
});

// Each case starts a real process (about 1-2 s on a busy 2-core machine), hence the timeout.
describe('quento-analyze', { timeout: 30_000 }, () => {
  it('--json prints one JSON document in the documented shape and nothing else', async () => {
    const r = await run([`${site.origin}/`, '--allow-private', '--json', '--max-pages', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['url', 'startedAt', 'finishedAt', 'pages', 'site', 'scores']),
    );
    const page = report.pages[0];
    // The fixture's home page is an application shell: the CLI rendered it without being asked.
    expect([page.mode, page.modeReason]).toEqual(['rendered', 'app-shell']);
    expect(Object.keys(page)).toEqual(
      expect.arrayContaining(['url', 'requestedUrl', 'status', 'redirects', 'timing', 'audits']),
    );
    expect(Object.keys(page.audits['document-title'])).toEqual(
      expect.arrayContaining(['score', 'items', 'explanation', 'fixHint', 'title']),
    );
    expect(Object.keys(report.site.audits.sitemap)).toEqual(
      expect.arrayContaining(['score', 'items']),
    );
    expect(Object.keys(report.scores).sort()).toEqual([
      'content',
      'overall',
      'performance',
      'seo',
      'social',
      'technical',
    ]);
  });

  it('--story FILE runs the story-to-site audits; a bad story file is a usage error', async () => {
    const story = join(FIXTURES, 'bakery/story.json');
    const bad = join(dir, 'bad-story.json');
    await writeFile(bad, '{"phone": 42}');
    const [r, broken, missing] = await Promise.all([
      run([`${bakery.origin}/`, '--allow-private', '--static', '--json', '--story', story]),
      run([`${bakery.origin}/`, '--allow-private', '--json', '--story', bad]),
      run([`${bakery.origin}/`, '--allow-private', '--json', '--story', join(dir, 'none.json')]),
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.site.audits['services-covered'].explanation).toBe(
      'Your site never mentions corporate arrangements, which you told us you offer.',
    );
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('"phone" must be a string');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('exits 2 on bad arguments with a reason on stderr', async () => {
    const cases = [
      [],
      ['--max-pages', 'many', 'http://a.example/'],
      ['http://a.example/', '--json', '--md'],
      ['http://a.example/', '--render', '--static'],
      ['not a url'],
    ];
    const results = await Promise.all(cases.map((args) => run(args)));
    for (const [i, r] of results.entries()) {
      expect(r.code, cases[i]?.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^quento-analyze: /);
      expect(r.stdout).toBe('');
    }
  });

  it('exits 1 with one line when the start URL is refused or unreachable', async () => {
    const [refused, down] = await Promise.all([
      run([`${site.origin}/`, '--json']),
      run(['http://127.0.0.1:9/', '--allow-private']),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('URL_REFUSED');
    expect(refused.stdout).toBe('');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('START_URL_UNREACHABLE');
  });

  it('honours ALLOW_PRIVATE_NETWORKS=true, prints a summary and writes Markdown and HTML', async () => {
    const html = join(dir, 'report.html');
    const r = await run([`${site.origin}/`, '--static', '--html', html], {
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Quento analysis of /);
    expect(r.stdout).toMatch(/Overall\s+\d+/);
    const doc = await readFile(html, 'utf8');
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).not.toMatch(/<script|<link rel="stylesheet"/);
    const md = await run([`${site.origin}/`, '--static', '--allow-private', '--md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Website analysis: /);
    expect(md.stdout).toContain('| Category | Score |');
  });
});

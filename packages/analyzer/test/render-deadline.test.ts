import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSite } from '../src/index.ts';
import { type FixtureServer, serveFixture } from './support/fixture-server.ts';

// The CLI flake: an application shell sent the analysis into Chromium, and the render path waited
// with no bound (the SSRF proxy listening, no browser answering). Both ways it can hang are
// planted here: a "Chromium" that never speaks the DevTools protocol, and a page that freezes
// its main thread after loading. Either way the page must come back read statically, with a note.
/** This process's children started as a Chromium for the analyzer (their user data dir). */
function browserChildren(): string[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return (
          ppid === process.pid &&
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('quento-chromium-')
        );
      } catch {
        return false;
      }
    });
}

let spa: FixtureServer;
let frozen: FixtureServer;
let dir: string;
let silentChromium: string;

beforeAll(async () => {
  spa = await serveFixture('spa');
  frozen = await serveFixture('frozen');
  dir = await mkdtemp(join(tmpdir(), 'quento-deadline-'));
  silentChromium = join(dir, 'chromium');
  // Not `exec`: the shell keeps Playwright's arguments (the user data dir) on its command line.
  await writeFile(silentChromium, '#!/bin/sh\nsleep 120\n');
  await chmod(silentChromium, 0o755);
});
afterAll(async () => {
  await spa.close();
  await frozen.close();
  await rm(dir, { recursive: true, force: true });
});

describe('render deadline', { timeout: 60_000 }, () => {
  it('a browser that never starts: the shell is read statically, with a note', async () => {
    const report = await analyzeSite({
      url: `${spa.origin}/`,
      allowOrigins: [spa.origin],
      render: 'auto',
      chromiumPath: silentChromium,
      renderTimeoutMs: 2_000,
    });
    const home = report.pages[0];
    expect([home?.mode, home?.modeReason]).toEqual(['static', 'render-failed']);
    expect(home?.error?.code).toBe('RENDER_FAILED');
    expect(home?.error?.message).toMatch(/Chromium did not start within 2 s/);
    // The static result stands: the page loaded, so it is audited as it was served.
    expect(home?.audits['http-status-code']?.score).toBe(1);
    expect(home?.audits.h1?.score).toBe(0);
    // The browser that never answered was killed: nothing keeps the process (the CLI) alive.
    expect(browserChildren()).toEqual([]);
  });

  it('a page that freezes after loading: the render is abandoned and the static page audited', async () => {
    const report = await analyzeSite({
      url: `${frozen.origin}/`,
      allowOrigins: [frozen.origin],
      render: 'auto',
      requestTimeoutMs: 5_000,
      renderTimeoutMs: 8_000,
    });
    const home = report.pages[0];
    expect([home?.mode, home?.modeReason]).toEqual(['static', 'render-failed']);
    expect(home?.error?.message).toMatch(/did not finish rendering within 8 s/);
    expect(home?.audits['http-status-code']?.score).toBe(1);
  });
});

import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { AnalyzerError } from '../errors.ts';

const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds Chromium: the explicit option, then CHROMIUM_PATH, then the usual install paths. */
export function findChromium(explicit?: string, env = process.env): string {
  const candidates = [explicit, env.CHROMIUM_PATH].filter((p): p is string => !!p);
  for (const p of candidates) {
    if (executable(p)) return p;
    throw new AnalyzerError('CHROMIUM_NOT_FOUND', `Chromium not found at ${p}`);
  }
  const found = USUAL_PATHS.find(executable);
  if (!found) {
    throw new AnalyzerError(
      'CHROMIUM_NOT_FOUND',
      'Rendered mode needs Chromium: install it or set CHROMIUM_PATH',
    );
  }
  return found;
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Kills this process's browser children started with `userDataDir` (and their process groups),
 * found by their command line under /proc: Playwright gives no handle on a browser whose launch
 * is still pending, and its own clean-up can wait half a minute for a browser that never answers,
 * keeping the process alive. Returns how many were killed; 0 where /proc does not exist.
 */
export function killBrowsersUsing(userDataDir: string): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  let killed = 0;
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 4 (after the parenthesised command name) is the parent's pid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(userDataDir)) continue;
      try {
        process.kill(-Number(pid), 'SIGKILL');
      } catch {
        process.kill(Number(pid), 'SIGKILL');
      }
      killed++;
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return killed;
}

import { accessSync, constants } from 'node:fs';
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

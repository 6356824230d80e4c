import { type Browser, chromium } from 'playwright-core';
// The analyzer's own launch settings: the flags this machine needs (no sandbox as root, no calls
// out to Google's services) and the search for the system Chromium.
import { CHROMIUM_FLAGS, findChromium } from '../../packages/analyzer/src/crawl/chromium.ts';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

/** A phone-sized viewport (iPhone 12-15 class). */
export const PHONE = { width: 390, height: 844 };

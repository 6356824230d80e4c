import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bakerySite } from './support/bakery-site.ts';
import { launchChromium, PHONE } from './support/browser.ts';
import { runJourney } from './support/journey.ts';
import { ScreenRecorder } from './support/screens.ts';
import { type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const recorder = new ScreenRecorder();
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack(bakerySite());
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: PHONE });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // Access tokens live 20 s here, so Chromium logs the 401 that precedes each refresh: expected.
    const refreshed = /status of 401/.test(m.text());
    if (m.type() === 'error' && !refreshed) pageErrors.push(`console: ${m.text()}`);
  });
});

afterAll(async () => {
  recorder.writeReport();
  await browser?.close();
  await stack?.stop();
});

it('an owner goes through all five rings in the web build', async () => {
  try {
    await runJourney(page, stack, recorder);
  } catch (err) {
    // What the page showed, as a picture and as the accessibility tree the test drives.
    await page.screenshot({ path: 'artifacts/failure.png', fullPage: true }).catch(() => {});
    const tree = await page
      .locator('body')
      .ariaSnapshot()
      .catch(() => '');
    writeFileSync('artifacts/failure-aria.yml', tree);
    throw new Error(`${(err as Error).message}\n--- API output ---\n${stack.log().slice(-4000)}`);
  }
  expect(pageErrors).toEqual([]);
  expect(recorder.screens.length).toBeGreaterThanOrEqual(15);
});

it('no screen has a serious or critical accessibility violation (axe-core), light or dark', () => {
  expect(recorder.screens.length).toBeGreaterThanOrEqual(15);
  expect(recorder.serious()).toEqual([]);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifacts } from './paths.ts';

const require = createRequire(import.meta.url);
const axeSource: string = require('axe-core').source;

export interface AxeViolation {
  screen: string;
  scheme: 'light' | 'dark';
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Records each screen of the journey: a screenshot in the light and the dark theme, and an axe-core
 * scan in each. Serious and critical violations are collected for the test to assert on.
 */
export class ScreenRecorder {
  readonly violations: AxeViolation[] = [];
  readonly screens: string[] = [];
  private readonly dir = join(artifacts, 'screens');

  constructor(private readonly enabled = true) {
    if (enabled) mkdirSync(this.dir, { recursive: true });
  }

  async capture(page: Page, name: string): Promise<void> {
    if (!this.enabled) return;
    this.screens.push(name);
    const index = String(this.screens.length).padStart(2, '0');
    // The app scrolls inside its own views, so a full-page picture would stop at the fold:
    // stretch the viewport to the content's height for the picture, then put it back.
    const viewport = page.viewportSize();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      if (viewport) {
        const height = await page.evaluate(() =>
          Math.max(
            ...Array.from(document.querySelectorAll('div'))
              .filter((e) => e.checkVisibility())
              .map((e) => e.scrollHeight),
          ),
        );
        await page.setViewportSize({
          width: viewport.width,
          height: Math.min(Math.max(height + 160, viewport.height), 4000),
        });
        await settle(page);
      }
      await page.screenshot({ path: join(this.dir, `${index}-${name}-${scheme}.png`) });
      if (viewport) await page.setViewportSize(viewport);
      this.violations.push(...(await scan(page, name, scheme)));
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  writeReport(): void {
    if (!this.enabled) return;
    writeFileSync(
      join(artifacts, 'axe-report.json'),
      `${JSON.stringify({ screens: this.screens, violations: this.violations }, null, 2)}\n`,
    );
  }

  serious(): AxeViolation[] {
    return this.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }
}

/** Two frames: the theme change or resize has painted. */
function settle(page: Page): Promise<unknown> {
  return page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}

async function scan(page: Page, screen: string, scheme: 'light' | 'dark'): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(
      (v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }),
    );
  });
  return (result as Omit<AxeViolation, 'screen' | 'scheme'>[]).map((v) => ({
    ...v,
    screen,
    scheme,
  }));
}

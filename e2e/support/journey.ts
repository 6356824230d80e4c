import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { fixHomePage } from './bakery-site.ts';
import type { ScreenRecorder } from './screens.ts';
import type { Stack } from './stack.ts';
import { storyMessage } from './story-model.ts';

const LONG = { timeout: 90_000 };

/**
 * The owner's whole journey through the web build, driven by role and accessible name as a
 * screen-reader user would: register, onboarding, the core story in the chat, a profile edit,
 * an analysis with live progress, a finding, a strategy, a recommendation's evidence, an action
 * done, the site fixed and re-analysed, the verified action and the higher score, sign-out.
 */
export async function runJourney(page: Page, stack: Stack, recorder?: ScreenRecorder) {
  const shot = (name: string) => recorder?.capture(page, name);
  const email = `owner-${randomBytes(4).toString('hex')}@harbor-bakery.test`;

  await page.goto(stack.appUrl);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await shot('login');

  await page.getByRole('link', { name: 'New to Quento? Create an account' }).click();
  await page.getByRole('textbox', { name: 'Your name (optional)', exact: true }).fill('Mara Lind');
  await page
    .getByRole('textbox', { name: 'Business name (optional)', exact: true })
    .fill('Harbor Bakery');
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('correct horse battery');
  await shot('register');
  await page.getByRole('button', { name: 'Create account' }).click();

  // Onboarding: welcome, the five rings, the first chat.
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  await shot('onboarding-welcome');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Core story').first().waitFor();
  await shot('onboarding-rings');
  await page.getByRole('button', { name: 'Next' }).click();
  await shot('onboarding-first-chat');
  await page.getByRole('button', { name: 'Start my first chat' }).click();

  // The core story, told in one message; the reply streams in and ring 1 completes.
  const input = page.getByRole('textbox', { name: 'Your message', exact: true });
  await input.waitFor();
  await input.fill(storyMessage(stack.site.url));
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/Harbor Bakery has two strong draws/).waitFor(LONG);
  await page.getByText(/core story is complete/i).waitFor(LONG);
  await shot('chat');
  await page.getByRole('button', { name: 'Go to Discover' }).waitFor();
  await page.getByRole('link', { name: 'Go back' }).click();

  // Home: the profile card shows what the advisor heard; the owner corrects one field.
  await page.getByRole('heading', { name: 'Your business' }).waitFor();
  await page.getByText('Harbor Bakery').first().waitFor();
  await shot('home');
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const audience = page.getByRole('textbox', { name: 'Who your customers are', exact: true });
  await audience.fill('Local families, nearby offices and wedding planners');
  await shot('profile-edit');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Local families, nearby offices and wedding planners').waitFor();

  // Discover: the website comes from the profile; progress streams while the crawl runs.
  await page.getByRole('tab', { name: /Discover/ }).click();
  const website = page.getByRole('textbox', { name: 'Website address', exact: true });
  await website.waitFor();
  // Prefilled from the profile the chat filled in (plain Playwright: the journey also runs in
  // the benchmark, outside the test runner).
  await page.waitForFunction(
    ([el, origin]) => (el as HTMLInputElement).value.startsWith(origin as string),
    [await website.elementHandle(), stack.site.origin] as const,
  );
  await shot('discover');
  await page.getByRole('button', { name: 'Analyse my website' }).click();
  await page.getByRole('progressbar', { name: /Analysis progress/ }).waitFor();
  await page.getByRole('heading', { name: 'What to improve' }).waitFor(LONG);
  // The home page as the analysis's browser saw it, through its signed link.
  const homepage = page.getByRole('img', { name: /Screenshot of the home page/ }).first();
  await homepage.waitFor(LONG);
  await page.waitForLoadState('networkidle');
  await shot('discover-results');
  await page
    .getByRole('button', { name: /meta description/i })
    .first()
    .click();
  await page
    .getByText(/How to fix it/)
    .first()
    .waitFor();
  await shot('finding');

  // Plan: a strategy from the analysis, a recommendation and its evidence.
  await page.getByRole('tab', { name: /Plan/ }).click();
  await page.getByRole('button', { name: 'Create my plan' }).click();
  const recommendation = page.getByRole('link', { name: /meta description/i }).first();
  await recommendation.waitFor(LONG);
  await shot('plan');
  // Export: the API answers with a signed link, which the browser downloads.
  const exportButton = page.getByRole('button', { name: 'Export as Markdown text' });
  await exportButton.scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  if (!/^growth-plan.*\.md$/.test(download.suggestedFilename())) {
    throw new Error(`unexpected export file name ${download.suggestedFilename()}`);
  }
  if ((await download.failure()) !== null) throw new Error('the export did not download');
  await page.getByText(/^Ready: growth-plan.*\.md$/).waitFor();
  await shot('plan-export');
  await recommendation.click();
  await page.getByRole('heading', { name: 'Evidence' }).waitFor();
  await shot('recommendation');
  await page.getByRole('link', { name: 'Go back' }).click();

  // Execute: the meta-description action is done.
  await page.getByRole('tab', { name: /Execute/ }).click();
  await shot('execute');
  await page
    .getByRole('link', { name: /Write meta descriptions/ })
    .first()
    .click();
  await shot('action');
  await page.getByRole('radio', { name: 'Status: Done' }).click();
  await page.getByText(/^Done on /).waitFor();
  await page.getByRole('link', { name: 'Go back' }).click();

  // The owner fixes the site, then Optimize re-analyses and shows what improved.
  fixHomePage(stack.site.pages);
  await page.getByRole('tab', { name: /Optimize/ }).click();
  await shot('optimize-before');
  await page.getByRole('button', { name: 'Re-analyse my website' }).click();
  // The finished action is verified by the new analysis, and the SEO score went up.
  await page.getByText(/Verified \(1\)/).waitFor(LONG);
  await page.getByText(/Search visibility \(SEO\): \d+ → \d+, up \d+ points?/).waitFor(LONG);
  await shot('optimize-after');

  // Settings: sign out, back to the sign-in screen.
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await shot('settings');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

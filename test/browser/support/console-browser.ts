import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../../scripts/console-build';
import { launchChromium } from '../../helpers/console-chromium';
import { startHttpWorld, type HttpWorld } from '../../helpers/http-world';

const screenshotDir = join(__dirname, '..', '..', '..', 'docs', 'console');

/**
 * The console served by the real API, and one Chromium for the whole test file; each test opens a
 * context of its own (its own sessionStorage and localStorage).
 */
export interface ConsoleBrowser<System = HttpWorld> {
  readonly system: System;
  readonly baseUrl: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** The console in front of the time-skipping test server (its clock moved by the test). */
export async function startConsoleBrowser(options: { training?: boolean } = {}): Promise<ConsoleBrowser> {
  const system = await startHttpWorld({ devSignIn: true, ...options });
  return consoleBrowserFor(system, system.app, () => system.close());
}

/** The console served by an API a test composed itself; `closeSystem` stops that system at the end. */
export async function consoleBrowserFor<System>(
  system: System,
  app: NestExpressApplication,
  closeSystem: () => Promise<void>,
): Promise<ConsoleBrowser<System>> {
  ensureConsoleBuilt({ log: () => undefined });
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    browser = await launchChromium();
    const launched = browser;
    return {
      system,
      baseUrl: `http://127.0.0.1:${port}`,
      newPage: async () => {
        const context = await launched.newContext({
          viewport: { width: 1366, height: 900 },
          locale: 'zh-CN',
          acceptDownloads: true,
        });
        contexts.push(context);
        return context.newPage();
      },
      close: async () => {
        for (const context of contexts) await context.close();
        await launched.close();
        await closeSystem();
      },
    };
  } catch (error) {
    await browser?.close();
    await closeSystem();
    throw error;
  }
}

/** The page as a person sees it, for README's "Console" section. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page (WCAG 2.1 A and AA): what must be none. */
export async function seriousViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  // The pointer leaves the page first: the button just clicked is measured at rest, not in its hover colours.
  await page.mouse.move(0, 0);
  await transitionsEnded(page);
  const first = await measure(page);
  if (first.length === 0) return first;
  // A transition that started after the wait (a re-render the route change queued: a menu item taking
  // its selected colours) is measured half-way; once it has ended, the page is measured again, and a
  // real violation is still there.
  await transitionsEnded(page);
  return measure(page);
}

async function transitionsEnded(page: Page): Promise<void> {
  await page
    .waitForFunction(
      `document.getAnimations().every((animation) =>
        animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity)`,
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

async function measure(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.html) }));
}

/** Signs in through the development sign-in page as a county official of a county (Chinese name). */
export async function signInAsCountyOfficial(page: Page, countyZh: string): Promise<void> {
  await page.getByRole('tab', { name: '开发环境登录' }).click();
  await chooseOption(page, page.getByLabel('县区'), countyZh);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs in through the development sign-in page in a seat that needs no county (its Chinese name). */
export async function signInAsSeat(page: Page, seatZh: string): Promise<void> {
  await page.getByRole('tab', { name: '开发环境登录' }).click();
  // The seat select shows its default choice, which covers its input: the select itself is clicked.
  await chooseOption(page, page.locator('.ant-select').filter({ has: page.getByLabel('席位') }), seatZh);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs in by pasting a token, as anyone can with a token from their identity provider. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.getByRole('tab', { name: '粘贴令牌' }).click();
  await page.getByRole('textbox', { name: '令牌' }).fill(token);
  await page.getByRole('tabpanel').getByRole('button', { name: '登录' }).click();
}

/**
 * Opens an Ant Design select, picks the option showing this text, and waits for its dropdown to start
 * closing. Only an open dropdown counts: one still sliding away (the select chosen just before, or this
 * one once chosen) is left out, so two dropdowns on screen at once cannot be confused. On a loaded
 * machine a click can land while the dropdown is still moving in and be lost, which leaves it open: then
 * the option is clicked again if it is not chosen, and a dropdown left open over the chosen option is
 * closed with Escape, which keeps the choice.
 */
export async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not([class*="-leave"]):visible');
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first();
  await option.click();
  if (await hiddenWithin(dropdown, 5_000)) return;
  // An option no longer found means the dropdown closed meanwhile: the choice was made.
  const chosen = await option.getAttribute('aria-selected', { timeout: 1_000 }).then(
    (selected) => selected === 'true',
    () => true,
  );
  // A dropdown that closes meanwhile leaves nothing to click: the wait below then ends at once.
  if (!chosen) await option.click({ timeout: 5_000 }).catch(() => undefined);
  if (await hiddenWithin(dropdown, 5_000)) return;
  await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

function hiddenWithin(locator: Locator, timeout: number): Promise<boolean> {
  return locator.waitFor({ state: 'hidden', timeout }).then(
    () => true,
    () => false,
  );
}

/** The side menu (the breadcrumbs link to the same pages). */
export function mainMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: '主导航' });
}

/** Waits (bounded) until the element shows the text; fails the test when it never does. */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

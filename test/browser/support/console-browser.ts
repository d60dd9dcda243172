import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../../scripts/console-build';
import { startHttpWorld, type HttpWorld } from '../../helpers/http-world';

/** Debian's chromium (installed by .ci/run); CHROMIUM_PATH names another. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const screenshotDir = join(__dirname, '..', '..', '..', 'docs', 'console');

/**
 * The console served by the real API in front of the time-skipping test server, and one Chromium for
 * the whole test file; each test opens a context of its own (its own sessionStorage and localStorage).
 */
export interface ConsoleBrowser {
  readonly system: HttpWorld;
  readonly baseUrl: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startConsoleBrowser(): Promise<ConsoleBrowser> {
  ensureConsoleBuilt({ log: () => undefined });
  const system = await startHttpWorld({ devSignIn: true });
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    await system.app.listen(0, '127.0.0.1');
    const address = system.app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const launched = browser;
    return {
      system,
      baseUrl: `http://127.0.0.1:${port}`,
      newPage: async () => {
        const context = await launched.newContext({
          viewport: { width: 1366, height: 900 },
          locale: 'zh-CN',
        });
        contexts.push(context);
        return context.newPage();
      },
      close: async () => {
        for (const context of contexts) await context.close();
        await launched.close();
        await system.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await system.close();
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

/** Opens an Ant Design select and picks the option showing this text. */
export async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

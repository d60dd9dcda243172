import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import type { Locator, Page } from 'playwright-core';
import {
  chooseOption,
  saveScreenshot,
  seriousViolations,
  signInAsCountyOfficial,
  startConsoleBrowser,
  type ConsoleBrowser,
} from './support/console-browser';

/**
 * A county official's first morning in the console: signing in, applying for a town, finding it in the
 * list and on its own page; the quota's refusal in Chinese with its code; English remembered; and an
 * ended session that returns to the page it interrupted. One browser and one system for the file.
 */
describe('the console, as a county official uses it', () => {
  let consoleBrowser: ConsoleBrowser;
  let page: Page;
  let townUrl: string;

  beforeAll(async () => {
    consoleBrowser = await startConsoleBrowser();
    await consoleBrowser.system.at('2027-03-02T09:00:00');
    await consoleBrowser.system.batchOpened('2017');
    page = await consoleBrowser.newPage();
  });
  afterAll(() => consoleBrowser.close());

  async function applyThroughTheForm(name: string): Promise<void> {
    await page.getByRole('link', { name: '小镇', exact: true }).click();
    await page.getByRole('button', { name: '申报小镇' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('小镇名称').fill(name);
    await chooseOption(page, form.getByLabel('主导产业'), '休闲旅游');
    await chooseOption(page, form.getByLabel('申报批次'), '2017');
    await form.getByRole('button', { name: '提交' }).click();
  }

  it('signs in through the development sign-in, applies for a town, and finds it in the list and on its page', async () => {
    await page.goto(`${consoleBrowser.baseUrl}/`);
    await page.waitForURL(/\/sign-in\?from=/);
    await page.getByRole('tab', { name: '开发环境登录' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'sign-in');

    await signInAsCountyOfficial(page, '芦溪县');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await expectText(page.getByTestId('seat'), '县区政府');
    await expectText(page.getByTestId('county'), '芦溪县');
    await expectText(page.getByTestId('work-batches'), '申报小镇');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'my-work');

    await applyThroughTheForm('麻山汽车风情小镇');
    await page.waitForURL(/\/towns\/[0-9a-f-]{36}$/);
    townUrl = page.url();
    await page.getByRole('heading', { name: /麻山汽车风情小镇/ }).waitFor();
    await expectText(page.getByTestId('town-status'), '已申报');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'town');

    await page.getByRole('tab', { name: '时间线' }).click();
    const timeline = page.getByTestId('timeline');
    await expectText(timeline, '提交申报');
    await expectText(timeline, '县区政府 · 芦溪县 · county-official-luxi-1');
    await expectText(timeline, 'ApplyForTown');
    await saveScreenshot(page, 'town-timeline');

    await page.getByRole('link', { name: '小镇', exact: true }).click();
    await page.getByRole('link', { name: '麻山汽车风情小镇' }).waitFor();
    await expectText(page.locator('.ant-table'), '已申报');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'towns');
  });

  it("shows a county's refused application in Chinese with its code", async () => {
    // The quota is two towns per county: the second goes in over HTTP, the third through the form.
    const token = await consoleBrowser.system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    await request(consoleBrowser.system.http)
      .post('/api/towns')
      .auth(token, { type: 'bearer' })
      .send({
        name: '芦溪第二小镇',
        county: 'luxi',
        kind: 'administrative-town',
        industry: 'leisure-tourism',
        batchId: '2017',
      })
      .expect(201);

    await applyThroughTheForm('芦溪第三小镇');
    const problem = page.getByRole('dialog').getByTestId('problem');
    await expectText(problem, 'COUNTY_QUOTA_FULL');
    await expectText(problem, '已达每县区2个的上限');
    await saveScreenshot(page, 'refused-application');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('link', { name: '芦溪第二小镇' }).waitFor();
    expect(await page.getByRole('link', { name: '芦溪第三小镇' }).count()).toBe(0);
  });

  it('switches to English and remembers it across a reload', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'Towns' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Towns' }).waitFor();
    await expectText(page.getByTestId('seat'), 'County government');
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('heading', { name: '小镇' }).waitFor();
  });

  it('returns to sign-in when the API refuses the token (401), and back to the page afterwards', async () => {
    const foreign = await consoleBrowser.system.auth.tokenFor(
      { seat: 'county-official', county: 'luxi' },
      { privateKey: generateKeyPairSync('ed25519').privateKey },
    );
    await page.goto(townUrl);
    await page.getByRole('heading', { name: /麻山汽车风情小镇/ }).waitFor();
    await page.evaluate((token) => {
      // Runs in the page: the tests' own TypeScript has no DOM types.
      const storage = (
        globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }
      ).sessionStorage;
      storage.setItem('towns.token', token);
    }, foreign);
    await page.reload();
    await page.waitForURL(/\/sign-in\?from=/);
    await page.getByText('登录已失效').waitFor();

    await signInAsCountyOfficial(page, '芦溪县');
    await page.waitForURL(townUrl);
    await page.getByRole('heading', { name: /麻山汽车风情小镇/ }).waitFor();
  });
});

/** Waits (bounded) until the element shows the text; fails the test when it never does. */
async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import {
  expectText,
  saveScreenshot,
  seriousViolations,
  signInAsCountyOfficial,
  signInAsSeat,
  startConsoleBrowser,
  type ConsoleBrowser,
} from './support/console-browser';

interface ClockBody {
  readonly now: string;
  readonly nextDeadline: { readonly name: string; readonly dueAt: string } | null;
}

/** The Shanghai calendar date of an instant, as the header shows it. */
function shanghaiDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where the element is drawn; one not drawn fails the test. */
async function box(locator: Locator): Promise<Box> {
  const drawn = await locator.first().boundingBox();
  if (!drawn) throw new Error(`not drawn: ${locator.toString()}`);
  return drawn;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Training mode (演练) as the people in a training room see it: the virtual date in every header, and
 * the administrator moving the clock from there — past the next deadline, which fires on the way.
 */
describe('the console in training mode', () => {
  let consoleBrowser: ConsoleBrowser;

  beforeAll(async () => {
    consoleBrowser = await startConsoleBrowser({ training: true });
  });
  afterAll(async () => {
    await consoleBrowser?.close();
  });

  /** The administrator signs in once; the same page moves the clock in each test. */
  let signedInAdministrator: Page | undefined;
  async function administratorPage(): Promise<Page> {
    if (signedInAdministrator) return signedInAdministrator;
    const page = await consoleBrowser.newPage();
    await page.goto(`${consoleBrowser.baseUrl}/`);
    await signInAsSeat(page, '系统管理员');
    signedInAdministrator = page;
    return page;
  }

  async function clock(): Promise<ClockBody> {
    const answer = await request(consoleBrowser.system.http).get('/api/training/clock').expect(200);
    return answer.body as ClockBody;
  }

  it('shows a county official the virtual date, with no way to move it', async () => {
    const { now } = await clock();
    const page = await consoleBrowser.newPage();
    await page.goto(`${consoleBrowser.baseUrl}/`);
    await signInAsCountyOfficial(page, '芦溪县');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await expectText(page.getByTestId('training-clock'), `演练 · 虚拟日期 ${shanghaiDate(now)}`);
    expect(await page.getByRole('button', { name: '演练时钟' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('fits the header in a 1024 × 768 window: every control in view, none over another or the page', async () => {
    for (const signIn of [
      (page: Page) => signInAsSeat(page, '系统管理员'),
      (page: Page) => signInAsCountyOfficial(page, '芦溪县'),
    ]) {
      const page = await consoleBrowser.newPage();
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`${consoleBrowser.baseUrl}/`);
      await signIn(page);
      await page.getByRole('heading', { name: '我的待办' }).waitFor();
      await page.getByTestId('training-clock').waitFor();
      const header = page.locator('.ant-layout-header');
      const controls = [
        page.getByTestId('training-clock'),
        page.getByTestId('user'),
        page.getByTestId('seat'),
        page.getByTestId('expiry'),
        page.getByTestId('language-switch'),
        page.getByRole('button', { name: '退出登录' }),
      ];
      const headerBox = await box(header);
      const boxes = await Promise.all(controls.map(box));
      for (const control of boxes) {
        expect(control.x).toBeGreaterThanOrEqual(0);
        expect(control.y).toBeGreaterThanOrEqual(0);
        expect(control.x + control.width).toBeLessThanOrEqual(1024);
        expect(control.y + control.height).toBeLessThanOrEqual(headerBox.y + headerBox.height);
      }
      for (const [index, one] of boxes.entries()) {
        for (const other of boxes.slice(index + 1)) expect(overlap(one, other)).toBe(false);
      }
      // The page starts below the header: its breadcrumb is not under a wrapped row of controls.
      const crumbs = await box(page.locator('.ant-breadcrumb'));
      expect(crumbs.y).toBeGreaterThanOrEqual(headerBox.y + headerBox.height);
      // The expiry's text is behind its icon at this width, and says it is real time beside the virtual date.
      expect(await page.getByTestId('expiry').getAttribute('aria-label')).toMatch(
        /^登录有效期至（实际时间）\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
      );
      expect(await seriousViolations(page)).toEqual([]);
    }
  });

  it('lets the administrator move the clock past the next deadline, and the deadline fires', async () => {
    const before = await clock();
    if (!before.nextDeadline)
      throw new Error(`a new programme has a deadline ahead: ${JSON.stringify(before)}`);
    const passed = before.nextDeadline;
    const page = await administratorPage();
    await page.getByRole('button', { name: '演练时钟' }).click();
    const controls = page.locator('.ant-popover:visible');
    await expectText(controls, `虚拟时间：`);
    await expectText(controls, '下一个期限：');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'training-clock');

    await controls.getByRole('button', { name: '拨到下一个期限' }).click();
    // The header follows the move: the clock stops a second past the deadline.
    const passedDate = shanghaiDate(new Date(Date.parse(passed.dueAt) + 1_000).toISOString());
    await expectText(page.getByTestId('training-clock'), `演练 · 虚拟日期 ${passedDate}`);
    const after = await clock();
    expect(Date.parse(after.now)).toBeGreaterThan(Date.parse(passed.dueAt));
    // The deadline has fired: it is no longer pending, so no longer the next.
    expect(after.nextDeadline).not.toEqual(passed);
  });

  it('moves the clock to the morning of a chosen date, and never back', async () => {
    const page = await administratorPage();
    const { now } = await clock();
    const target = shanghaiDate(new Date(Date.parse(now) + 3 * 86_400_000).toISOString());
    // The controls are still open from the move before.
    const picker = page.getByRole('textbox', { name: '拨到指定日期（当日上午 9 时）' });
    await picker.fill(target);
    await picker.press('Enter');
    await expectText(page.getByTestId('training-clock'), `演练 · 虚拟日期 ${target}`);
    expect(shanghaiDate((await clock()).now)).toBe(target);

    const earlier = shanghaiDate(now);
    await picker.fill(earlier);
    await picker.press('Enter');
    await expectText(page.locator('.ant-popover:visible .ant-alert'), 'TRAINING_CLOCK_BACKWARDS');
    expect(shanghaiDate((await clock()).now)).toBe(target);
  });
});

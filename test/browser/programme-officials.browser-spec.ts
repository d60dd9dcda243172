import request from 'supertest';
import type { Locator, Page } from 'playwright-core';
import { yearlyStatistics } from '../helpers/http-officials';
import { dashboardChartsDrawn } from '../helpers/console-chromium';
import {
  chooseOption,
  saveScreenshot,
  seriousViolations,
  startConsoleBrowser,
  type ConsoleBrowser,
} from './support/console-browser';

/** A seat as the sign-in page lists it, with the county or member unit it is bound to. */
interface Seat {
  readonly zh: string;
  readonly countyZh?: string;
}
const office: Seat = { zh: '联席会议办公室' };
const secretary: Seat = { zh: '联席会议秘书' };
const finance: Seat = { zh: '市财政局' };
const luxiOfficial: Seat = { zh: '县区政府', countyZh: '芦溪县' };

/**
 * The joint meeting's year in the console, from the defence to the first rating: the office scores two
 * applicants, the secretary lists them and publishes the list, finance pays the listing reward, the
 * county's plan is submitted and approved, and a yearly review is rated — each step through the
 * console's pages. The applications are made over HTTP (applying has its own browser tests). The steps
 * follow one another on one system, so the tests run in order.
 */
describe('the console, as the joint meeting, finance and the office use it', () => {
  let consoleBrowser: ConsoleBrowser;
  const towns: { luxi: string; shangli: string } = { luxi: '', shangli: '' };

  beforeAll(async () => {
    consoleBrowser = await startConsoleBrowser();
    const { system } = consoleBrowser;
    await system.at('2027-03-02T09:00:00');
    await system.batchOpened('2017');
    towns.luxi = await appliedOverHttp('luxi', '麻山汽车风情小镇');
    towns.shangli = await appliedOverHttp('shangli', '上栗花炮小镇');
    // The window has closed by itself: the defence comes next.
    await system.at('2027-04-06T10:00:00');
  });
  afterAll(() => consoleBrowser?.close());

  async function appliedOverHttp(county: string, name: string): Promise<string> {
    const token = await consoleBrowser.system.auth.tokenFor({ seat: 'county-official', county });
    const response = await request(consoleBrowser.system.http)
      .post('/api/towns')
      .auth(token, { type: 'bearer' })
      .send({ name, county, kind: 'administrative-town', industry: 'leisure-tourism', batchId: '2017' })
      .expect(201);
    return response.body.townId as string;
  }

  /** A new tab on `path`, signed in through the development sign-in as this seat and brought back. */
  async function signedIn(seat: Seat, path: string): Promise<Page> {
    const page = await consoleBrowser.newPage();
    await page.goto(`${consoleBrowser.baseUrl}${path}`);
    await page.waitForURL(/\/sign-in\?from=/);
    await page.getByRole('tab', { name: '开发环境登录' }).click();
    // The seat picker shows its default seat over its input: the click goes to the select itself.
    await page.getByLabel('席位').click({ force: true });
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: seat.zh })
      .first()
      .click();
    if (seat.countyZh) await chooseOption(page, page.getByLabel('县区', { exact: true }), seat.countyZh);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === path);
    return page;
  }

  /**
   * Submits the open step form and waits for the console's confirmation of the recorded step. A step the
   * API did not record fails here with its answer, not later with a missing message.
   */
  async function submitStep(page: Page, form: Locator, step: string): Promise<void> {
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).pathname.startsWith('/api/'),
      { timeout: 60_000 },
    );
    await form.getByRole('button', { name: '提交' }).click();
    const answer = await answered;
    if (!answer.ok()) throw new Error(`${step} was answered ${answer.status()}: ${await answer.text()}`);
    await expectText(page.locator('.ant-message'), `已记录：${step}`);
    await form.waitFor({ state: 'detached' });
  }

  /** The office's scores for one applicant: every criterion the same, every declared condition confirmed. */
  async function score(page: Page, townName: string, points: number): Promise<void> {
    await page.getByRole('button', { name: `为${townName}录入评分` }).click();
    const form = page.getByRole('dialog');
    await form.locator('legend', { hasText: '答辩评分' }).waitFor();
    const inputs = form.getByRole('spinbutton');
    for (let index = 0; index < (await inputs.count()); index += 1) {
      await inputs.nth(index).fill(String(points));
    }
    const switches = form.getByRole('switch');
    for (let index = 0; index < (await switches.count()); index += 1) await switches.nth(index).click();
    await submitStep(page, form, '录入答辩评分');
  }

  function applicantRow(page: Page, townName: string): Locator {
    return page.getByTestId('batch-applicants').locator('.ant-table-row').filter({ hasText: townName });
  }

  it('the office scores two applicants per criterion, and the ranking follows the weighted scores', async () => {
    const page = await signedIn(office, '/');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await expectText(page.getByTestId('work-batches'), '录入答辩评分');
    // The window closed by itself: what the office works to now is the list's publication, not an
    // application deadline shown as overdue.
    await expectText(page.getByTestId('work-batch-due'), '名单公布期限 2027-');
    expect(await page.getByTestId('work-batches').innerText()).not.toContain('已逾期');
    await page.getByTestId('work-batches').getByRole('link', { name: /2017/ }).click();
    await page.waitForURL(/\/batches\/2017$/);
    await expectText(page.getByTestId('batch-status'), '申报已截止');
    await expectText(page.getByTestId('batch-window'), '距名单公布期限');
    // The office scores; deciding and publishing are the secretary's.
    expect(await page.getByRole('button', { name: '确定培育名单' }).count()).toBe(0);

    await score(page, '上栗花炮小镇', 78);
    await score(page, '麻山汽车风情小镇', 91);
    await expectText(applicantRow(page, '麻山汽车风情小镇'), '91.00');
    const rows = page.getByTestId('batch-applicants').locator('.ant-table-row');
    await expectText(rows.first(), '麻山汽车风情小镇');
    expect(await rows.first().locator('td').first().innerText()).toBe('1');
    expect(await rows.nth(1).locator('td').first().innerText()).toBe('2');
    // What the ranking decides by stays in view at 1366 px while the criteria scroll.
    const table = await page.getByTestId('batch-applicants').locator('.ant-table-container').boundingBox();
    for (const column of ['加权得分', '状态']) {
      const cell = await page
        .getByTestId('batch-applicants')
        .getByRole('columnheader', { name: column, exact: true })
        .boundingBox();
      if (!table || !cell) throw new Error(`the ranking or its ${column} column is not drawn`);
      expect(cell.x).toBeGreaterThanOrEqual(table.x);
      expect(cell.x + cell.width).toBeLessThanOrEqual(table.x + table.width + 1);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await saveScreenshot(page, 'batch-scored');
  });

  it('the secretary lists both with the quota in view and publishes: the towns become listed', async () => {
    const page = await signedIn(secretary, '/batches/2017');
    await expectText(page.getByTestId('batch-status'), '申报已截止');
    // Deciding with nothing ticked is asked about first, and leads back to the ranking.
    await page.getByRole('button', { name: '确定培育名单' }).click();
    const warning = page.getByRole('dialog').filter({ hasText: '没有勾选任何小镇' });
    await warning.getByRole('button', { name: '返回勾选' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await page.getByTestId('step-form').count()).toBe(0);
    for (const name of ['麻山汽车风情小镇', '上栗花炮小镇']) {
      await applicantRow(page, name).getByRole('checkbox').check();
    }
    // Luxi's places with the chosen town: one of its two.
    await expectText(page.getByTestId('county-places').locator('tr').filter({ hasText: '芦溪县' }), '1/2');
    await page.getByRole('button', { name: '确定培育名单' }).click();
    const decision = page.getByRole('dialog');
    await expectText(decision, '麻山汽车风情小镇');
    await expectText(decision, '上栗花炮小镇');
    await submitStep(page, decision, '确定培育名单');
    await expectText(page.getByTestId('batch-status'), '名单已确定');

    await page.getByRole('button', { name: '公布培育名单' }).click();
    // The dialog says what publishing does, and to whom, rather than its own title again.
    const publication = page.getByRole('dialog');
    await expectText(publication, '名单上的 2 个小镇各自记录入选结果');
    await expectText(publication.locator('li'), '上栗花炮小镇');
    await expectText(publication, '名单一经公布不能撤销');
    await submitStep(page, publication, '公布培育名单');
    await expectText(page.getByTestId('batch-status'), '名单已公布');
    await expectText(applicantRow(page, '上栗花炮小镇'), '已入选');
    expect(await page.getByTestId('batch-steps').getByRole('button').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // The confirmations pass over the header: the picture is taken once they have gone.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await saveScreenshot(page, 'batch');

    // The towns record their outcome from the published list.
    await consoleBrowser.system.world.settle();
    await applicantRow(page, '麻山汽车风情小镇').getByRole('link').click();
    await page.waitForURL(/\/towns\/[0-9a-f-]{36}$/);
    await expectText(page.getByTestId('town-status'), '规划编制中');
  });

  it('finance pays the listing reward that fell due', async () => {
    await consoleBrowser.system.at('2027-04-20T10:00:00');
    const page = await signedIn(finance, `/towns/${towns.luxi}`);
    await page.getByTestId('town-steps').getByRole('button', { name: '支付奖励' }).click();
    const form = page.getByRole('dialog');
    await chooseOption(page, form.getByLabel('奖励'), '入选奖励');
    await form.getByLabel('付款凭证号').fill('萍财付〔2027〕101号');
    await submitStep(page, form, '支付奖励');
    await expectText(page.locator('.ant-table-row').filter({ hasText: '入选奖励' }), '萍财付〔2027〕101号');
    await expectText(page.locator('.ant-table-row').filter({ hasText: '入选奖励' }), '已付');
  });

  it('the county submits its plan and the office approves it', async () => {
    await consoleBrowser.system.at('2027-06-10T10:00:00');
    const county = await signedIn(luxiOfficial, `/towns/${towns.luxi}`);
    await county.getByTestId('town-steps').getByRole('button', { name: '提交规划' }).click();
    const plan = county.getByRole('dialog');
    await plan.getByLabel('专项规划').fill(`doc://${towns.luxi}/special-plan`);
    await plan.getByLabel('工作方案').fill(`doc://${towns.luxi}/work-plan`);
    await submitStep(county, plan, '提交规划');

    const page = await signedIn(office, `/towns/${towns.luxi}`);
    await page.getByTestId('town-steps').getByRole('button', { name: '批准规划' }).click();
    const approval = page.getByRole('dialog');
    await approval.getByLabel('意见').fill('同意');
    await submitStep(page, approval, '批准规划');
    await expectText(page.getByTestId('town-status'), '培育中');
  });

  it("the office rates the town's yearly review", async () => {
    const { system } = consoleBrowser;
    await system.at('2027-12-05T10:00:00');
    // The county reports the year's figures by name, and its projects' progress, in the console.
    const county = await signedIn(luxiOfficial, `/towns/${towns.luxi}`);
    await county.getByTestId('town-steps').getByRole('button', { name: '报送年度统计' }).click();
    const report = county.getByRole('dialog');
    await chooseOption(county, report.getByLabel('年度', { exact: true }), '2027');
    const figures = yearlyStatistics(2027);
    for (const [index, [name, value]] of Object.entries(figures.statistics).entries()) {
      await report.getByRole('button', { name: '添加一项' }).click();
      await report.getByLabel('项目', { exact: true }).nth(index).fill(name);
      await report.getByLabel('数值', { exact: true }).nth(index).fill(String(value));
    }
    await report.getByLabel('计划项目数').fill(String(figures.projectProgress.projectsPlanned));
    await report.getByLabel('完成项目数').fill(String(figures.projectProgress.projectsCompleted));
    await report.getByLabel('计划投资（元）').fill(String(figures.projectProgress.investmentPlannedYuan));
    await report.getByLabel('完成投资（元）').fill(String(figures.projectProgress.investmentCompletedYuan));
    await submitStep(county, report, '报送年度统计');
    await system.at('2027-12-10T10:00:00');

    const page = await signedIn(office, `/towns/${towns.luxi}`);
    await page.getByTestId('town-steps').getByRole('button', { name: '年度评级' }).click();
    const form = page.getByRole('dialog');
    await chooseOption(page, form.getByLabel('年度'), '2027');
    await form.getByLabel('得分（0–100）').fill('92');
    await form.getByLabel('评价意见').fill('产业集聚明显，现场核实');
    await submitStep(page, form, '年度评级');
    await expectText(page.locator('.ant-table-row').filter({ hasText: '2027' }), '优秀');
  });

  it('the county registers a project and the office puts it in the key-project schedule', async () => {
    const county = await signedIn(luxiOfficial, `/towns/${towns.luxi}`);
    await county.getByTestId('town-steps').getByRole('button', { name: '登记建设项目' }).click();
    const register = county.getByRole('dialog');
    await register.getByLabel('项目编号').fill('MS-01');
    // This form's own name for the field the application form calls 小镇名称.
    await register.getByLabel('项目名称').fill('汽车文化街区');
    await register.getByLabel('计划投资（元）').fill('300000000');
    await submitStep(county, register, '登记建设项目');
    await expectText(county.getByTestId('town-projects'), '汽车文化街区');

    const page = await signedIn(office, `/towns/${towns.luxi}`);
    await page.getByTestId('town-steps').getByRole('button', { name: '列入市重点项目调度' }).click();
    const schedule = page.getByRole('dialog');
    await chooseOption(page, schedule.getByLabel('项目编号'), '汽车文化街区（MS-01）');
    await schedule.getByLabel('文号').fill('萍重点办〔2027〕5号');
    await submitStep(page, schedule, '列入市重点项目调度');
    await expectText(page.getByTestId('town-projects'), '萍重点办〔2027〕5号');
  });

  it('shows the programme in charts, each with its table, on the dashboard', async () => {
    // §III.5: finance records the city's money for the Luxi town; the dashboard shows it by source.
    const financePage = await signedIn(finance, `/towns/${towns.luxi}`);
    await financePage.getByTestId('town-steps').getByRole('button', { name: '记录资金投入' }).click();
    const funding = financePage.getByRole('dialog');
    await funding.getByLabel('年度', { exact: true }).fill('2027');
    await chooseOption(financePage, funding.getByLabel('资金来源'), '市级引导专项资金');
    await funding.getByLabel('金额（元）').fill('5000000');
    await funding.getByLabel('文号').fill('萍财字〔2027〕9号');
    await submitStep(financePage, funding, '记录资金投入');
    const page = await signedIn(secretary, '/dashboard');
    await page.getByRole('heading', { name: '项目总览', exact: true }).waitFor();
    await dashboardChartsDrawn(page);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'dashboard');

    // The table behind the funds chart: both towns' listing commitments and the one payment, in 万元.
    const funds = page.getByTestId('chart-funds-year');
    await funds.getByText('表格').click();
    const year = funds.locator('.ant-table-row').filter({ hasText: '2027' });
    await expectText(year, '¥400万元');
    await expectText(year, '¥100万元');
    const money = page.getByTestId('chart-money-source');
    await money.getByText('表格').click();
    await expectText(money.locator('.ant-table-row').filter({ hasText: '市级引导专项资金' }), '¥500万元');
    const ratings = page.getByTestId('chart-ratings');
    await ratings.getByText('表格').click();
    // The pack's first rating is 优秀: the one town rated in 2027.
    const rated = ratings.locator('.ant-table-row').filter({ hasText: '2027' });
    await expectText(ratings.locator('thead th').nth(1), '优秀');
    expect(await rated.locator('td').nth(1).innerText()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/**
 * Waits (bounded) until the element shows the text; fails the test when it never does. The bound is
 * generous: a step's answer and the page's refetch queue behind every other test on a shared machine.
 */
async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
}

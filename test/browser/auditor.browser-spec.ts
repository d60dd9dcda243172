import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { startAuditSystem, type AuditSystem } from '../e2e/audit/audit-system';
import {
  consoleBrowserFor,
  expectText,
  mainMenu,
  saveScreenshot,
  seriousViolations,
  signInWithToken,
  type ConsoleBrowser,
} from './support/console-browser';

interface AuditEventBody {
  readonly contentHash: string;
  readonly chainHash: string;
}

/** A Shanghai calendar date, `days` from today. */
function shanghaiDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/**
 * An auditor's morning in the console: a town's timeline with its hashes and links recomputed in the
 * browser, the town as it stood before and after its application, a decision CSV, and a verify job
 * run from the console to its report. Auditors see reads only, never a step. On the system as a
 * deployment composes its audit side (dev server, a checkpointer key, the worker's jobs directory):
 * verify reads the checkpoint ledger through Temporal's visibility API, which the time-skipping
 * server lacks.
 */
describe('the console, as an auditor uses it', () => {
  let consoleBrowser: ConsoleBrowser<AuditSystem>;
  let townId: string;

  beforeAll(async () => {
    const started = await startAuditSystem();
    consoleBrowser = await consoleBrowserFor(started, started.app, () => started.stop());
    const { system } = consoleBrowser;
    const luxi = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    const applied = await request(system.http)
      .post('/api/towns')
      .auth(luxi, { type: 'bearer' })
      .send({
        name: '宣风审计小镇',
        county: 'luxi',
        kind: 'administrative-town',
        industry: 'leisure-tourism',
        batchId: system.policy.batches[0]?.id,
      })
      .expect(201);
    townId = applied.body.townId as string;
    await system.checkpoint();
  });
  afterAll(async () => {
    await consoleBrowser?.close();
    consoleBrowser?.system.remove();
  });

  async function signedInAsAuditor(path: string): Promise<Page> {
    const page = await consoleBrowser.newPage();
    await page.goto(`${consoleBrowser.baseUrl}${path}`);
    await page.waitForURL(/\/sign-in\?from=/);
    await signInWithToken(page, await auditorToken());
    await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
    return page;
  }

  async function auditorToken(): Promise<string> {
    return consoleBrowser.system.auth.tokenFor({ userId: 'auditor-1', seat: 'auditor' });
  }

  it('reads a town’s timeline with each event’s hashes, every chain link holding, and no step to take', async () => {
    const page = await signedInAsAuditor(`/towns/${townId}`);
    await page.getByTestId('audit-town-links').waitFor();
    expect(await page.getByTestId('town-steps').count()).toBe(0);
    await mainMenu(page).getByRole('link', { name: '审计任务' }).waitFor();

    await page.getByTestId('audit-town-links').getByRole('button', { name: '审计时间线' }).click();
    await page.waitForURL(/\/audit\/timeline\?town=/);
    await page.getByTestId('hash-timeline').waitFor();
    const history = await request(consoleBrowser.system.http)
      .get(`/api/audit/towns/${townId}/history`)
      .auth(await auditorToken(), { type: 'bearer' })
      .expect(200);
    const events = history.body.events as AuditEventBody[];
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      await expectText(page.getByTestId('hash-timeline'), event.contentHash);
      await expectText(page.getByTestId('hash-timeline'), event.chainHash);
    }
    await expectText(page.getByTestId('chain-link'), '链接已核对');
    expect(await page.getByTestId('chain-link').allTextContents()).toEqual(events.map(() => '链接已核对'));
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'audit-timeline');
  });

  it('reads the town before and after its application, on the date chosen', async () => {
    const [yesterday, today] = [shanghaiDate(-1), shanghaiDate(0)];
    const page = await signedInAsAuditor(`/audit/state?town=${townId}&at=${today}`);
    await expectText(page.getByTestId('town-state-at'), '已申报');
    await expectText(page.getByTestId('as-of-report'), `${today} 23:59`);

    const picker = page.locator('.ant-picker input');
    await picker.click();
    await picker.fill(yesterday);
    await picker.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('at') === yesterday);
    await expectText(page.getByTestId('as-of-report'), `${yesterday} 23:59`);
    await expectText(page.getByTestId('town-state-at'), '无');
    expect(await page.getByTestId('town-state-at').textContent()).not.toContain('已申报');

    await page.goto(`${consoleBrowser.baseUrl}/audit/state?at=${today}&basis=recorded`);
    await expectText(page.getByTestId('programme-totals'), '已申报 1');
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'audit-state');
  });

  it('downloads a decision CSV as the API writes it', async () => {
    const page = await signedInAsAuditor('/audit/decisions');
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 ratings.csv' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('ratings.csv');
    const fromApi = await request(consoleBrowser.system.http)
      .get('/api/audit/decisions/ratings')
      .auth(await auditorToken(), { type: 'bearer' })
      .expect(200);
    expect(readFileSync(await download.path(), 'utf8')).toBe(fromApi.text);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'audit-decisions');
  });

  it('runs a verify job from the console and reads its report', async () => {
    const page = await signedInAsAuditor('/audit/jobs');
    const start = page.getByRole('button', { name: '开始校验' });
    await start.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await start.click();
    await page.waitForURL(/\/audit\/jobs\/[0-9a-f-]{36}$/);
    const jobId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByTestId('job-verdict').waitFor({ timeout: 60_000 });
    await expectText(page.getByTestId('job-state'), '已完成');

    const job = await request(consoleBrowser.system.http)
      .get(`/api/audit/jobs/${jobId}`)
      .auth(await auditorToken(), { type: 'bearer' })
      .expect(200);
    // The log was sealed after the application: the report finds it whole.
    expect(job.body.result.ok).toBe(true);
    await expectText(page.getByTestId('job-verdict'), '结论：通过');
    for (const key of Object.keys(job.body.result.summary as object)) {
      await expectText(page.getByTestId('job-summary'), key);
    }
    await page.getByRole('button', { name: '下载 report.json' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'audit-job');
  });
});

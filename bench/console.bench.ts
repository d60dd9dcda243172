/**
 * Console benchmark (`npm run bench:console`): the JavaScript each route of the console loads (gzip, the
 * Vite build's own files, counted as Chromium requests them on a fresh load), and the time to a usable
 * town page and dashboard with BENCH_TOWNS (1,000) towns in the programme, in Debian's Chromium against
 * the API as `npm start` runs it (dev server, worker, PGlite). "Usable": the page's data is in and its
 * controls are drawn — the town's status and its steps card; every chart of the dashboard rendered.
 * Each round is a fresh browser context (a cold cache, as a new tab after sign-in), then one reload in
 * the same context (a warm cache).
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { consoleDir, ensureConsoleBuilt } from '../scripts/console-build';
import { startBenchSystem, type BenchSystem } from './api/bench-system';
import { listedTowns } from './api/listed-towns';
import { dashboardChartsDrawn, launchChromium } from '../test/helpers/console-chromium';

const TOWNS = Number(process.env.BENCH_TOWNS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** A tab signed in with this token (the console keeps it in sessionStorage, decision 0101). */
async function signedInPage(browser: Browser, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((value) => {
    (
      globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
    ).sessionStorage.setItem('towns.token', value);
  }, token);
  return context.newPage();
}

async function townUsable(page: Page): Promise<void> {
  await page.getByTestId('town-status').waitFor();
  await page.getByTestId('town-steps').waitFor();
}

const gzipSizes = new Map<string, number>();
function gzipSize(asset: string): number {
  let size = gzipSizes.get(asset);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(consoleDir, 'dist', asset)), { level: 9 }).length;
    gzipSizes.set(asset, size);
  }
  return size;
}

/** The JavaScript files a fresh load of the route fetches, and their gzip size together. */
async function routeJavaScript(
  browser: Browser,
  url: string,
  token: string,
  ready: (page: Page) => Promise<void>,
) {
  const page = await signedInPage(browser, token);
  const scripts = new Set<string>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) scripts.add(path.replace(/^\//, ''));
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await page.context().close();
  const bytes = [...scripts].reduce((sum, asset) => sum + gzipSize(asset), 0);
  return { files: scripts.size, kib: bytes / 1024 };
}

/** Milliseconds from navigation to usable: cold (fresh context) and warm (a reload in it), per round. */
async function timeToUsable(
  browser: Browser,
  url: string,
  token: string,
  ready: (page: Page) => Promise<void>,
) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round += 1) {
    const page = await signedInPage(browser, token);
    let start = performance.now();
    await page.goto(url);
    await ready(page);
    const coldMs = performance.now() - start;
    start = performance.now();
    await page.reload();
    await ready(page);
    const warmMs = performance.now() - start;
    await page.context().close();
    // The first round warms the server's own caches and Chromium's process pool; it is not counted.
    if (round === 0) continue;
    cold.push(coldMs);
    warm.push(warmMs);
  }
  return { cold: summary(cold), warm: summary(warm) };
}

function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p90: at(0.9), max: sorted.at(-1) ?? 0 };
}

/** Waits until the read models hold every town (the town list counts them). */
async function waitForTowns(system: BenchSystem, token: string, count: number): Promise<void> {
  for (;;) {
    const response = await fetch(`${system.url}/api/towns?pageSize=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { total?: number };
    if ((body.total ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  ensureConsoleBuilt();
  const system = await startBenchSystem();
  let browser: Browser | undefined;
  try {
    console.log(`[bench] ${TOWNS} towns, applied and listed through their workflows…`);
    const towns = await listedTowns(system.client, system.policy, system.taskQueue, TOWNS);
    const token = await system.token('joint-meeting-secretary');
    await waitForTowns(system, token, TOWNS);
    browser = await launchChromium();
    const town = towns[Math.floor(towns.length / 2)]?.townId ?? '';
    const routes: [string, string, (page: Page) => Promise<void>][] = [
      ['/ (My work)', '/', (page) => page.getByTestId('work-batches').waitFor()],
      ['/towns', '/towns', (page) => page.locator('.ant-table-row').first().waitFor()],
      ['/towns/:townId', `/towns/${town}`, townUsable],
      ['/batches', '/batches', (page) => page.locator('.ant-table-row').first().waitFor()],
      [
        '/batches/:batchId',
        `/batches/${system.policy.batches[0]?.id ?? '2017'}`,
        (page) => page.locator('h2').first().waitFor(),
      ],
      ['/dashboard', '/dashboard', dashboardChartsDrawn],
    ];
    console.log('\n| route | JS files | JS gzip (KiB) |\n| --- | ---: | ---: |');
    for (const [name, path, ready] of routes) {
      const js = await routeJavaScript(browser, `${system.url}${path}`, token, ready);
      console.log(`| \`${name}\` | ${js.files} | ${js.kib.toFixed(1)} |`);
    }
    const ms = (value: number) => value.toFixed(0);
    console.log(
      `\n| page (${TOWNS} towns) | cold median | cold p90 | warm median | warm p90 |\n| --- | ---: | ---: | ---: | ---: |`,
    );
    for (const [name, path, ready] of [
      ['town page', `/towns/${town}`, townUsable],
      ['dashboard', '/dashboard', dashboardChartsDrawn],
    ] as const) {
      const time = await timeToUsable(browser, `${system.url}${path}`, token, ready);
      console.log(
        `| ${name} | ${ms(time.cold.median)} ms | ${ms(time.cold.p90)} ms | ${ms(time.warm.median)} ms | ${ms(time.warm.p90)} ms |`,
      );
    }
    console.log(
      `\n- ${new Date().toISOString()}; nproc ${cpus().length}; ${cpus()[0]?.model ?? 'unknown CPU'}; ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB; Chromium ${browser.version()}; ${ROUNDS} rounds`,
    );
  } finally {
    await browser?.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

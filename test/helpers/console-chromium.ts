import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); CHROMIUM_PATH names another. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless in a container: no sandbox, no GPU, and none of Chromium's own traffic during a measurement. */
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** One Chromium, as the console's browser tests and its benchmark run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/** The dashboard's charts, by the test id each is drawn under (`chart-<id>`). */
const dashboardCharts = [
  'status',
  'quota',
  'funds-year',
  'funds-county',
  'ratings',
  'provincial',
  'money-source',
  'land',
  'deadlines',
] as const;

/** Waits until every chart of the dashboard has drawn its picture. */
export async function dashboardChartsDrawn(page: Page): Promise<void> {
  for (const id of dashboardCharts) {
    await page.getByTestId(`chart-${id}`).locator('[role="img"] svg').waitFor();
  }
}

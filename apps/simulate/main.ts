/**
 * `npm run simulate -- --policy pingxiang-2017 --towns 50 --seed 7`: a whole programme with synthetic
 * officials on the time-skipping test server, and its report. See apps/simulate/README.md.
 */
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { describeUsageError } from '../cli-usage';
import { parseCliArgs, usage } from './cli-options';
import { progressBar } from '../progress-bar';
import { printReport } from './report-printer';
import { runSimulation } from './run-simulation';
import type { ScenarioProgress } from './scenario-driver';
import { localDay } from './simulation-dates';

async function main(): Promise<number> {
  const request = parseCliArgs(process.argv.slice(2));
  if (request.kind === 'help') {
    console.log(usage);
    return 0;
  }
  if (request.kind === 'invalid') {
    process.stderr.write(describeUsageError(request.error, usage));
    return 2;
  }
  const { options } = request;
  // Worker and server chatter would bury the report (and break --json): errors only, on stderr.
  Runtime.install({
    logger: new DefaultLogger('ERROR', ({ level, message }) => process.stderr.write(`${level} ${message}\n`)),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
  // How far through the programme's calendar the run is, the date on the (skipping) clock, the step under way.
  const bar = progressBar(undefined, ({ at, label, fraction }: ScenarioProgress) => ({
    fraction,
    text: `${localDay(at)} ${label}`,
  }));
  const report = await runSimulation({
    ...options,
    onProgress: bar.update,
    onRetry: (error) => {
      bar.done();
      process.stderr.write(`${error.message}: running the same seed again\n`);
    },
  }).finally(bar.done);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${printReport(report)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);

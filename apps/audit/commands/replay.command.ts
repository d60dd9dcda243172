import { resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../../infra/config/app-config';
import { connectReplayClient } from '../../../infra/audit/temporal-replay-connection';
import {
  replayWorkflowHistories,
  type ReplayReport,
  type RunReplay,
} from '../../../audit/replay/temporal-replay';
import { formatCount, output } from '../audit-context';
import { countingBar } from '../../progress-bar';
import { parseCommandLine, UsageError } from '../../cli-usage';

/**
 * `replay [--workflow <id>]… [--query <visibility query>] [--export <dir>] [--json]`: every run's history
 * on the configured Temporal, replayed against the current workflow code. 0 when every run replays,
 * 1 when any is non-deterministic or could not be replayed.
 */
export async function replayCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: {
      workflow: { type: 'string', multiple: true },
      query: { type: 'string' },
      export: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const workflowIds = values.workflow;
  if (workflowIds !== undefined && values.query !== undefined)
    throw new UsageError('OPTIONS_CONFLICT', 'replay takes --workflow or --query, not both');
  if (workflowIds?.some((id) => id.trim() === ''))
    throw new UsageError('OPTION_INVALID', '--workflow needs a workflow id');
  if (values.query?.trim() === '') throw new UsageError('OPTION_INVALID', '--query needs a visibility query');
  if (values.export?.trim() === '') throw new UsageError('OPTION_INVALID', '--export needs a directory');

  const out = output(values.json);
  const { temporal } = loadConfig();
  // Unset, the system runs its own dev server (`npm start`) on this port of this machine.
  const address = temporal.address ?? `127.0.0.1:${temporal.devServerPort}`;
  quietReplayWorkers();
  const connection = await connectReplayClient(address, temporal.namespace, temporal.security);
  const bar = countingBar('replay', 'runs');
  const started = Date.now();
  try {
    const report = await replayWorkflowHistories({
      client: connection.client,
      ...(workflowIds === undefined ? {} : { workflowIds }),
      ...(values.query === undefined ? {} : { query: values.query }),
      ...(values.export === undefined ? {} : { exportDir: resolve(values.export) }),
      onProgress: (progress) => bar.update(progress),
    });
    bar.done();
    out.result(report, () => replayLines(report, address, (Date.now() - started) / 1000));
    return report.ok ? 0 : 1;
  } finally {
    bar.done();
    await connection.close();
  }
}

/**
 * A run that does not replay makes the SDK log its failed workflow task, with the stack, which the report
 * already states with the run's ids: the log would only repeat it on stderr, where the progress bar is.
 * A failure of the replay as a whole is not logged but thrown, and reported like any other.
 */
function quietReplayWorkers(): void {
  Runtime.install({
    logger: new DefaultLogger('ERROR', () => undefined),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
}

function replayLines(report: ReplayReport, address: string, seconds: number): string[] {
  const { summary } = report;
  const scope =
    report.workflowIds !== undefined
      ? `every run of ${report.workflowIds.join(', ')}`
      : report.query !== undefined
        ? `the runs matching ${report.query}`
        : 'every run in the namespace';
  const lines = [
    `Replayed ${scope} (namespace ${report.namespace} at ${address}) against the current workflow code:`,
    `${formatCount(summary.runs)} runs of ${formatCount(summary.workflows)} workflows, ` +
      `${formatCount(summary.events)} history events, in ${seconds.toFixed(1)} s`,
    `  replayed ${formatCount(summary.replayed)}, non-deterministic ${formatCount(summary.nondeterministic)}, ` +
      `failed ${formatCount(summary.failed)}`,
    ...(report.exportDir === undefined ? [] : [`Histories written under ${report.exportDir}`]),
  ];
  if (report.ok) {
    lines.push(
      summary.runs === 0
        ? 'Nothing to replay: no run matched.'
        : 'OK: every history replays against the current code. 全部历史均可由当前代码重放。',
    );
    return lines;
  }
  lines.push('', 'FAILED: the current code does not reproduce every recorded run. 当前代码未能重放全部历史:');
  const problems = report.runs.filter((run) => run.outcome !== 'replayed');
  for (const run of problems.slice(0, 20)) lines.push(...problemLines(run));
  if (problems.length > 20)
    lines.push(`… and ${formatCount(problems.length - 20)} more (--json lists every run)`);
  return lines;
}

function problemLines(run: RunReplay): string[] {
  const label = run.outcome === 'nondeterministic' ? 'NON-DETERMINISTIC 不确定' : 'FAILED 失败';
  return [
    `  ${label}  ${run.workflowId}  run ${run.runId}`,
    `    ${run.workflowType || 'unknown type'}, ${run.status}, ${formatCount(run.events)} events`,
    `    ${firstWords(run.error ?? '')}`,
  ];
}

/** The SDK's messages can carry a whole stack: the words say enough here, --json keeps the rest. */
function firstWords(message: string, length = 400): string {
  const line = message.replace(/\s+/g, ' ');
  return line.length <= length ? line : `${line.slice(0, length)}…`;
}

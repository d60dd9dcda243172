/**
 * Temporal replay for auditors: every run's history, as the server recorded it, replayed against the
 * current workflow code. A run that replays shows today's code would have taken the same steps; one that
 * does not is named with the SDK's own account of where they part. Histories stream from the server
 * through the replay worker a few at a time, so thousands of runs take no more memory than a handful.
 */
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../infra/temporal/workflow-bundle-options';
import { TemporalReplayError } from '../../infra/audit/temporal-replay-errors';
import { historyFilePath, prepareExportDir, writeHistoryFile } from './temporal-replay-files';
import type { ReplayProgress, ReplayReport, RunReplay } from './temporal-replay-report';
import { runsInVisibility, runsOfWorkflows, type FetchedRun } from './temporal-replay-runs';
import { replayRuns, type ReplayWorkerOptions } from './temporal-replay-worker';

export type {
  ReplayOutcome,
  ReplayProgress,
  ReplayReport,
  ReplaySummary,
  RunReplay,
} from './temporal-replay-report';

export interface ReplayWorkflowHistoriesOptions {
  readonly client: Client;
  /** A bundle already built (tests build one per run); otherwise the code is bundled once here. */
  readonly workflowBundle?: { readonly codePath: string };
  /** The workflows to bundle when no bundle is given; default: the product's workflows/ folder. */
  readonly workflowsPath?: string;
  /** A visibility query narrowing the runs (e.g. `TaskQueue = 'towns'`); default: the whole namespace. */
  readonly query?: string;
  /** Instead of a query: every run of each of these workflow ids. */
  readonly workflowIds?: readonly string[];
  /** Also write each history under `<exportDir>/<workflowId>/<runId>.json`, as test/histories keeps them. */
  readonly exportDir?: string;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Each run as soon as it is judged, for callers that stream the results. */
  readonly onRun?: (run: RunReplay) => void;
}

export async function replayWorkflowHistories(
  options: ReplayWorkflowHistoriesOptions,
): Promise<ReplayReport> {
  const { client, query, workflowIds, exportDir } = options;
  checkOptions(options);
  const source =
    workflowIds === undefined
      ? await runsInVisibility(client, query)
      : await runsOfWorkflows(client, workflowIds);
  const replayOptions: ReplayWorkerOptions = {
    workflowBundle: options.workflowBundle ?? {
      code: (
        await bundleWorkflowCode({
          // As the worker bundles them: the same shared modules, the same stack-trace depth.
          ...workflowBundleOptions(),
          ...(options.workflowsPath === undefined ? {} : { workflowsPath: options.workflowsPath }),
          logger: bundlerLogger,
        })
      ).code,
    },
    replayName: 'audit-replay',
  };
  if (exportDir !== undefined) await prepareExportDir(exportDir);

  const runs: RunReplay[] = [];
  const workflows = new Set<string>();
  const counts = { events: 0, replayed: 0, nondeterministic: 0, failed: 0 };
  const fetched = exportDir === undefined ? source.runs : exporting(source.runs, exportDir);
  for await (const run of replayRuns(replayOptions, fetched)) {
    runs.push(run);
    workflows.add(run.workflowId);
    counts.events += run.events;
    counts[run.outcome] += 1;
    options.onRun?.(run);
    options.onProgress?.({
      done: runs.length,
      ...(source.total === undefined ? {} : { total: source.total }),
    });
  }
  return {
    ok: counts.nondeterministic === 0 && counts.failed === 0,
    namespace: client.options.namespace,
    ...(query === undefined ? {} : { query }),
    ...(workflowIds === undefined ? {} : { workflowIds: [...new Set(workflowIds)] }),
    ...(exportDir === undefined ? {} : { exportDir }),
    summary: { runs: runs.length, workflows: workflows.size, ...counts },
    runs,
  };
}

/** Writes each history as it passes, before it is replayed. */
async function* exporting(runs: AsyncIterable<FetchedRun>, directory: string): AsyncGenerator<FetchedRun> {
  for await (const run of runs) {
    if ('history' in run)
      await writeHistoryFile(historyFilePath(directory, run.workflowId, run.runId), run.history);
    yield run;
  }
}

function checkOptions(options: ReplayWorkflowHistoriesOptions): void {
  const problems = [
    options.workflowIds !== undefined && options.query !== undefined
      ? 'give either workflow ids or a visibility query, not both'
      : undefined,
    options.workflowIds !== undefined && options.workflowIds.length === 0
      ? 'the list of workflow ids is empty'
      : undefined,
    options.workflowIds?.some((id) => id.trim() === '') ? 'a workflow id is empty' : undefined,
    options.query !== undefined && options.query.trim() === '' ? 'the visibility query is empty' : undefined,
    options.workflowBundle !== undefined && options.workflowsPath !== undefined
      ? 'give either a workflow bundle or a workflows path, not both'
      : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0)
    throw new TemporalReplayError('REPLAY_OPTIONS_INVALID', `Replay options: ${problems.join('; ')}`);
}

/** The bundler reports every module at info level; only its warnings and errors are worth showing. */
export const bundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`${message}\n`),
  error: (message: string) => process.stderr.write(`${message}\n`),
};

/**
 * Records real workflow histories into test/histories/, for the replay test that guards workflow code
 * against non-deterministic changes (test/integration/workflows/history-replay.int-spec.ts).
 *
 *   npx ts-node --transpile-only test/helpers/record-histories.ts --suffix kept-timers
 *
 * It runs the Pingxiang programme on the time-skipping test server twice: once in single runs (a whole
 * life per history), once with a low continue-as-new threshold, keeping the first run of a chain (one
 * that hands over) and the second (one that starts from a carried-over state) of the programme, the
 * 2017 batch and a town (the batch's first run only since decision 0097). Run it
 * again whenever a workflow change alters the commands a workflow issues (behind `patched()`: the
 * histories of running workflows must keep replaying), with a suffix naming the change: the new files
 * (`town-accepted-kept-timers.json`, …) join the old ones, which are never overwritten, so the replay
 * test keeps checking the histories of every version of the code still running somewhere.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { workflowBundleOptions } from '../../infra/temporal/workflow-bundle-options';
import type { WorkflowLimits } from '../../workflows/shared/continue-as-new';
import { A1, L1, pingxiangScenario, S1, L2, U1, X1, type PingxiangScenario } from './pingxiang-scenario';
import { writeHistory } from './history-files';
import { startTimeSkippingWorld } from '../../apps/simulate/time-skipping-world';

const PROGRAMME = 'pingxiang-recorded';
const target = resolve(__dirname, '..', 'histories');

/** `--suffix <name>`: what the recorded files are named after (lower-case words joined by hyphens). */
function suffixFromArguments(argv: readonly string[]): string {
  const [flag, suffix] = argv;
  if (flag !== '--suffix' || !suffix || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(suffix) || argv.length > 2) {
    throw new Error('usage: record-histories.ts --suffix <lower-case-words> (names the new history files)');
  }
  return suffix;
}

function historyPath(name: string, suffix: string): string {
  const path = join(target, `${name}-${suffix}.json`);
  // Histories already recorded stand for code that may still be running: they are never replaced.
  if (existsSync(path)) throw new Error(`${path} exists: choose another --suffix`);
  return path;
}

async function runWholeProgramme(scenario: PingxiangScenario): Promise<void> {
  await scenario.start();
  await scenario.applyFirstBatch();
  await scenario.selectFirstBatch();
  await scenario.firstBatchPlanning();
  await scenario.review2027();
  await scenario.applySecondBatch();
  await scenario.selectSecondBatch();
  await scenario.provincialAnswers2027();
  await scenario.review2028();
  await scenario.progressFirstBatch();
  await scenario.review2029();
  await scenario.progressSecondBatch();
  await scenario.finalAcceptance([S1.townId, L2.townId]);
  await scenario.close();
}

async function save(path: string, handle: WorkflowHandle): Promise<void> {
  const events = writeHistory(path, await handle.fetchHistory());
  console.log(`${path}: ${events} events`);
}

/** The first run of a chain of runs, found by walking back from the latest. */
async function firstRun(scenario: PingxiangScenario, handle: WorkflowHandle): Promise<WorkflowHandle> {
  let current = handle;
  for (;;) {
    const history = await current.fetchHistory();
    const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) return current;
    current = scenario.officials.client.workflow.getHandle(handle.workflowId, previous);
  }
}

/** The run the first run of a chain handed over to: it starts from the state the first carried over. */
async function secondRun(scenario: PingxiangScenario, handle: WorkflowHandle): Promise<WorkflowHandle> {
  const first = await firstRun(scenario, handle);
  const events = (await first.fetchHistory()).events ?? [];
  const next = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  if (!next) throw new Error(`${handle.workflowId} never continued as new`);
  return scenario.officials.client.workflow.getHandle(handle.workflowId, next);
}

async function record(
  bundlePath: string,
  limits: WorkflowLimits | undefined,
  keep: (scenario: PingxiangScenario) => Promise<void>,
) {
  const world = await startTimeSkippingWorld({ workflowBundlePath: bundlePath });
  try {
    // Lists of three applicants a page, so the batches record theirs in several (decision 0069).
    const scenario = pingxiangScenario(world, PROGRAMME, limits, { listPageTowns: 3 });
    await runWholeProgramme(scenario);
    await keep(scenario);
  } finally {
    await world.close();
  }
}

async function main(): Promise<void> {
  const suffix = suffixFromArguments(process.argv.slice(2));
  const names = [
    'programme',
    'batch-2017',
    'town-accepted',
    'town-late-plan',
    'town-exited',
    'town-not-listed',
    'programme-continued-as-new',
    'town-continued-as-new',
    'batch-continued-as-new',
    'programme-second-run',
    'batch-second-run',
    'town-second-run',
  ] as const;
  // Every name is checked before anything runs: a clash is found in a second, not after the programme.
  const path = Object.fromEntries(names.map((name) => [name, historyPath(name, suffix)])) as Record<
    (typeof names)[number],
    string
  >;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'towns-histories-'));
  try {
    const bundle = await bundleWorkflowCode({
      ...workflowBundleOptions(),
      logger: new DefaultLogger('WARN'),
    });
    const bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);

    await record(bundlePath, undefined, async ({ officials }) => {
      await save(path.programme, officials.programmeHandle());
      await save(path['batch-2017'], officials.batchHandle('2017'));
      await save(path['town-accepted'], officials.townHandle(A1.townId));
      await save(path['town-late-plan'], officials.townHandle(X1.townId));
      await save(path['town-exited'], officials.townHandle(L1.townId));
      await save(path['town-not-listed'], officials.townHandle(U1.townId));
    });
    await record(bundlePath, { historyLength: 150 }, async (scenario) => {
      await save(
        path['programme-continued-as-new'],
        await firstRun(scenario, scenario.officials.programmeHandle()),
      );
      await save(
        path['town-continued-as-new'],
        await firstRun(scenario, scenario.officials.townHandle(A1.townId)),
      );
      // Its first run hands over (since decision 0097, without its members); the second reads them back.
      await save(
        path['batch-continued-as-new'],
        await firstRun(scenario, scenario.officials.batchHandle('2017')),
      );
      await save(
        path['programme-second-run'],
        await secondRun(scenario, scenario.officials.programmeHandle()),
      );
      await save(path['batch-second-run'], await secondRun(scenario, scenario.officials.batchHandle('2017')));
      await save(
        path['town-second-run'],
        await secondRun(scenario, scenario.officials.townHandle(A1.townId)),
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  // A failure can leave the worker or the test server's connections open; end the recording here.
  process.exit(1);
});

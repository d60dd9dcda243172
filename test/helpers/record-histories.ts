/**
 * Records real workflow histories into test/histories/, for the replay test that guards workflow code
 * against non-deterministic changes (test/integration/workflows/history-replay.int-spec.ts).
 *
 *   npx ts-node --transpile-only test/helpers/record-histories.ts
 *
 * It runs the Pingxiang programme on the time-skipping test server twice: once in single runs (a whole
 * life per history), once with a low continue-as-new threshold (to capture runs that hand over). Run it
 * again, and commit the files, whenever a workflow change is meant to be incompatible (and then patch
 * or version the workflow: the histories of running workflows must keep replaying).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { workflowsPath } from '../../apps/worker/create-worker';
import type { WorkflowLimits } from '../../workflows/shared/continue-as-new';
import { A1, L1, pingxiangScenario, S1, L2, U1, X1, type PingxiangScenario } from './pingxiang-scenario';
import { writeHistory } from './history-files';
import { startTimeSkippingWorld } from './time-skipping-world';

const PROGRAMME = 'pingxiang-recorded';
const target = resolve(__dirname, '..', 'histories');

async function runWholeProgramme(scenario: PingxiangScenario): Promise<void> {
  await scenario.start();
  await scenario.applyFirstBatch();
  await scenario.selectFirstBatch();
  await scenario.firstBatchPlanning();
  await scenario.review2027();
  await scenario.applySecondBatch();
  await scenario.selectSecondBatch();
  await scenario.review2028();
  await scenario.progressFirstBatch();
  await scenario.review2029();
  await scenario.progressSecondBatch();
  await scenario.finalAcceptance([S1.townId, L2.townId]);
  await scenario.close();
}

async function save(name: string, handle: WorkflowHandle): Promise<void> {
  const events = writeHistory(join(target, `${name}.json`), await handle.fetchHistory());
  console.log(`${name}: ${events} events`);
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

async function record(
  bundlePath: string,
  limits: WorkflowLimits | undefined,
  keep: (scenario: PingxiangScenario) => Promise<void>,
) {
  const world = await startTimeSkippingWorld(bundlePath);
  try {
    const scenario = pingxiangScenario(world, PROGRAMME, limits);
    await runWholeProgramme(scenario);
    await keep(scenario);
  } finally {
    await world.close();
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'towns-histories-'));
  try {
    const bundle = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      logger: new DefaultLogger('WARN'),
    });
    const bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);

    await record(bundlePath, undefined, async ({ officials }) => {
      await save('programme', officials.programmeHandle());
      await save('batch-2017', officials.batchHandle('2017'));
      await save('town-accepted', officials.townHandle(A1.townId));
      await save('town-late-plan', officials.townHandle(X1.townId));
      await save('town-exited', officials.townHandle(L1.townId));
      await save('town-not-listed', officials.townHandle(U1.townId));
    });
    await record(bundlePath, { historyLength: 150 }, async (scenario) => {
      await save(
        'programme-continued-as-new',
        await firstRun(scenario, scenario.officials.programmeHandle()),
      );
      await save('town-continued-as-new', await firstRun(scenario, scenario.officials.townHandle(A1.townId)));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { TemporalReplayError } from '../../../infra/audit/temporal-replay-errors';
import { replayWorkflowHistories, type RunReplay } from '../../../audit/replay/temporal-replay';
import {
  batchThatContinues,
  divergingTown,
  programme,
  quietPolicy,
  townThatContinues,
  type RunsSeen,
} from '../../fixtures/replay/replay-world';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { readHistory } from '../../helpers/history-files';
import { testTemporal } from '../../helpers/test-env';

/**
 * The auditors' replay on the real dev server: every run of real town, batch and programme workflows
 * (continued runs included) replays against the product bundle, and a run made by other code is named
 * non-deterministic without spoiling the others.
 */
describe('replayWorkflowHistories', () => {
  const workflowBundle = { codePath: testTemporal().workflowBundlePath };
  let system: DevServerWorker;
  let town: RunsSeen;
  let batch: RunsSeen;
  let theProgramme: RunsSeen;
  let diverging: RunsSeen & { taskQueue: string };
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'replay-'));
    system = await startDevServerWorker('replay');
    const policy = quietPolicy();
    town = await townThatContinues(system, policy);
    batch = await batchThatContinues(system, policy);
    theProgramme = await programme(system, policy);
    diverging = await divergingTown(system.client, policy);
  });

  afterAll(async () => {
    await system.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const runsOf = (runs: readonly RunReplay[], workflowId: string) =>
    runs.filter((run) => run.workflowId === workflowId);

  it('replays every run of the given workflows, walking back through the runs that continued as new', async () => {
    const progress: number[] = [];
    const report = await replayWorkflowHistories({
      client: system.client,
      workflowBundle,
      workflowIds: [town.workflowId, batch.workflowId, theProgramme.workflowId],
      onProgress: ({ done }) => progress.push(done),
    });

    expect(report.runs.filter((run) => run.outcome !== 'replayed')).toEqual([]);
    expect(report.ok).toBe(true);
    for (const seen of [town, batch]) {
      const runs = runsOf(report.runs, seen.workflowId);
      expect(seen.latestRunId).not.toBe(seen.firstRunId);
      // Latest first, back to the run the workflow started with; every earlier run handed over.
      expect(runs[0]).toMatchObject({ runId: seen.latestRunId, status: 'RUNNING' });
      expect(runs.at(-1)).toMatchObject({ runId: seen.firstRunId, status: 'CONTINUED_AS_NEW' });
      expect(runs.slice(1).every((run) => run.status === 'CONTINUED_AS_NEW')).toBe(true);
      expect(new Set(runs.map((run) => run.runId)).size).toBe(runs.length);
    }
    expect(runsOf(report.runs, town.workflowId).every((run) => run.workflowType === 'townWorkflow')).toBe(
      true,
    );
    expect(runsOf(report.runs, batch.workflowId)[0]?.workflowType).toBe('batchWorkflow');
    expect(runsOf(report.runs, theProgramme.workflowId)).toEqual([
      expect.objectContaining({ runId: theProgramme.latestRunId, workflowType: 'programmeWorkflow' }),
    ]);
    expect(report.summary).toMatchObject({
      workflows: 3,
      runs: report.runs.length,
      replayed: report.runs.length,
      nondeterministic: 0,
      failed: 0,
      events: report.runs.reduce((sum, run) => sum + run.events, 0),
    });
    expect(report.runs.every((run) => run.events > 0)).toBe(true);
    expect(progress).toEqual(report.runs.map((_, index) => index + 1));
  });

  it('finds the same runs through visibility as by walking the chains', async () => {
    const query = `WorkflowId = '${town.workflowId}' OR WorkflowId = '${batch.workflowId}'`;
    const walked = await replayWorkflowHistories({
      client: system.client,
      workflowBundle,
      workflowIds: [town.workflowId, batch.workflowId],
    });
    await visibilityCatchesUp(system.client, query, walked.runs.length);

    const listed = await replayWorkflowHistories({ client: system.client, workflowBundle, query });

    expect(listed.ok).toBe(true);
    expect(runIds(listed.runs)).toEqual(runIds(walked.runs));
    expect(listed.query).toBe(query);
  });

  it('names the run made by other code non-deterministic, and replays the rest', async () => {
    const query = `TaskQueue = '${system.taskQueue}' OR TaskQueue = '${diverging.taskQueue}'`;
    const byId = await replayWorkflowHistories({
      client: system.client,
      workflowBundle,
      workflowIds: [town.workflowId, diverging.workflowId, batch.workflowId],
    });

    expect(byId.ok).toBe(false);
    expect(byId.runs.filter((run) => run.outcome !== 'replayed')).toEqual([
      expect.objectContaining({
        workflowId: diverging.workflowId,
        runId: diverging.latestRunId,
        workflowType: 'townWorkflow',
        status: 'COMPLETED',
        outcome: 'nondeterministic',
        error: expect.stringMatching(/nondeterminism/i),
      }),
    ]);
    // Runs before and after the diverging one are judged on their own.
    expect(byId.summary).toMatchObject({ nondeterministic: 1, failed: 0, replayed: byId.runs.length - 1 });
    expect(runsOf(byId.runs, batch.workflowId).length).toBeGreaterThan(1);

    // The whole namespace's share on both task queues: the batch's towns and the programme's batch too.
    await visibilityCatchesUp(system.client, query, byId.runs.length + 1);
    const listed = await replayWorkflowHistories({ client: system.client, workflowBundle, query });
    expect(listed.runs.filter((run) => run.outcome !== 'replayed').map((run) => run.runId)).toEqual([
      diverging.latestRunId,
    ]);
    expect(listed.summary.replayed).toBeGreaterThan(byId.summary.replayed);
    expect(listed.summary.workflows).toBeGreaterThan(4);
  });

  it('writes each history as test/histories keeps them, and the files replay again', async () => {
    const exportDir = join(directory, 'histories');
    const report = await replayWorkflowHistories({
      client: system.client,
      workflowBundle,
      workflowIds: [town.workflowId, diverging.workflowId],
      exportDir,
    });

    expect(report.exportDir).toBe(exportDir);
    expect(readdirSync(exportDir).sort()).toEqual([diverging.workflowId, town.workflowId].sort());
    const townFiles = readdirSync(join(exportDir, town.workflowId)).sort();
    expect(townFiles).toEqual(
      runsOf(report.runs, town.workflowId)
        .map((run) => `${run.runId}.json`)
        .sort(),
    );
    for (const run of runsOf(report.runs, town.workflowId)) {
      const history = readHistory(join(exportDir, town.workflowId, `${run.runId}.json`));
      expect(history.events).toHaveLength(run.events);
      await Worker.runReplayHistory({ workflowBundle }, history, town.workflowId);
    }
    const divergingFile = join(exportDir, diverging.workflowId, `${diverging.latestRunId}.json`);
    await expect(
      Worker.runReplayHistory({ workflowBundle }, readHistory(divergingFile), diverging.workflowId),
    ).rejects.toThrow(/nondeterminism/i);
  });

  it('refuses what it cannot do with a stable code, before fetching or writing anything', async () => {
    const exportDir = join(directory, 'refused');
    const attempt = (options: Omit<Parameters<typeof replayWorkflowHistories>[0], 'client'>) =>
      replayWorkflowHistories({ client: system.client, workflowBundle, exportDir, ...options });
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: unknown) => (error instanceof TemporalReplayError ? error.code : String(error)),
      );

    expect(await code(attempt({ workflowIds: [town.workflowId, 'town-nobody'] }))).toBe('WORKFLOW_NOT_FOUND');
    expect(await code(attempt({ query: 'TaskQueue = ' }))).toBe('VISIBILITY_QUERY_INVALID');
    expect(await code(attempt({ query: 'x', workflowIds: [town.workflowId] }))).toBe(
      'REPLAY_OPTIONS_INVALID',
    );
    expect(await code(attempt({ workflowIds: [] }))).toBe('REPLAY_OPTIONS_INVALID');
    expect(readdirSync(directory)).not.toContain('refused');

    const aFile = join(directory, 'a-file');
    writeFileSync(aFile, 'not a directory');
    expect(
      await code(
        replayWorkflowHistories({
          client: system.client,
          workflowBundle,
          workflowIds: [town.workflowId],
          exportDir: aFile,
        }),
      ),
    ).toBe('REPLAY_EXPORT_DIR_INVALID');
  });
});

function runIds(runs: readonly RunReplay[]): string[] {
  return runs.map((run) => `${run.workflowId}/${run.runId}`).sort();
}

/**
 * Visibility is updated shortly after the runs themselves (eventually consistent): wait, within a bound,
 * until it lists at least as many runs as the test knows exist.
 */
async function visibilityCatchesUp(client: Client, query: string, runs: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count >= runs) return;
    if (Date.now() > deadline) throw new Error(`visibility lists ${count} of ${runs} runs for ${query}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

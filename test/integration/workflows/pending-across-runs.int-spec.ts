import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { townDecider } from '../../../domain/town';
import type { TownContinuation } from '../../../workflows/town/town.messages';
import { townViewQuery } from '../../../workflows/town/town.messages';
import { continuationOf } from '../../helpers/continuation';
import { faultyStore, type FaultyStore } from '../../helpers/faulty-store';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { eventually } from '../../helpers/programme-startup';
import { testTemporal } from '../../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import { applyDirectly } from '../../helpers/town-application';

/**
 * A step left pending while the store stays away: the entity tries again in rounds, with its turn free
 * between them, so a run due to hand over does, carrying the step; the next run records it with the ids
 * the first decided, before anything else (docs/decisions/0060). Hours of outage pass on the
 * time-skipping server in seconds.
 */
describe('a pending step across continue-as-new', () => {
  const policy = pingxiangRehearsalOpeningToday();
  let world: TimeSkippingWorld;
  let faults: FaultyStore;

  beforeAll(async () => {
    world = await startTimeSkippingWorld({
      workflowBundlePath: testTemporal().workflowBundlePath,
      wrapStore: (store) => (faults = faultyStore(store)),
    });
  });

  afterAll(async () => {
    faults.heal();
    await world.close();
  });

  it('is carried to the next run and recorded there, with the ids the first run decided', async () => {
    const townId = randomUUID();
    const stream = townDecider.streamOf(townId);
    const meta = metaFor(seatHolders.county('shangli'));
    const apply = () => applyDirectly({ ...world, policy, townId, meta, limits: { historyLength: 40 } });
    faults.fail('down', (name) => name === stream);

    const failed = await apply().catch((error: unknown) => error);
    expect((failed as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'STEP_NOT_CONFIRMED' });
    const handle = world.client.workflow.getHandle(stream);
    const { runId: firstRunId } = await handle.describe();

    // Rounds go by while the store stays away, until the run hands over.
    await eventually('the run has handed over', async () => {
      await world.env.sleep('10 minutes');
      return (await handle.describe()).runId !== firstRunId;
    });
    const carried = (await continuationOf<TownContinuation>(handle))?.position.pending;
    expect(carried?.meta.commandId).toBe(meta.commandId);
    expect(carried?.events.map((event) => event.type)).toEqual(['TownApplied']);
    expect(await world.store.readStream(stream)).toEqual([]);
    await eventually('the new run reports the stall', async () => {
      await world.env.sleep('2 minutes');
      return (await handle.query(townViewQuery)).recording?.stalledSince !== null;
    });

    faults.heal();
    await eventually('the new run has recorded the step', async () => {
      await world.env.sleep('2 minutes');
      return (await world.store.readStream(stream)).length > 0;
    });
    const events = await world.store.readStream(stream);
    expect(events.map((event) => event.id)).toEqual(carried?.events.map((event) => event.id));
    expect(await handle.query(townViewQuery)).toMatchObject({
      streamVersion: 0,
      state: { status: 'applied' },
      recording: { pending: null, stalledSince: null },
    });
    // The same command is answered with it.
    expect((await apply()).eventIds).toEqual(events.map((event) => event.id));
  });
});

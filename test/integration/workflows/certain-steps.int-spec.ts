import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { envelope } from '../../../domain/shared/decision';
import { decideTown, type RecordSelection, townDecider } from '../../../domain/town';
import type { StepMeta } from '../../../workflows/shared/stream-step';
import {
  relayedTownCommandSignal,
  townCommandUpdate,
  townRecordedEventIdsQuery,
  townViewQuery,
} from '../../../workflows/town/town.messages';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { faultyStore, type FaultyStore } from '../../helpers/faulty-store';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { eventually } from '../../helpers/programme-startup';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { applyDirectly } from '../../helpers/town-application';

/**
 * Steps whose append the store leaves in doubt, or whose stream has moved under them, on the real dev
 * server with faults injected into a real store (docs/decisions/0060): the entity must never wedge.
 */
describe('every step ends certain, whatever the store answered', () => {
  const policy = pingxiangRehearsalOpeningToday();
  let system: DevServerWorker<FaultyStore>;

  beforeAll(async () => {
    system = await startDevServerWorker('certain-steps', faultyStore);
  });

  afterAll(async () => {
    system.store.heal();
    await system.close();
  });

  const county = seatHolders.county('xiangdong');
  const handle = (townId: string) => system.client.workflow.getHandle(townDecider.streamOf(townId));
  const apply = (townId: string, meta: StepMeta) =>
    applyDirectly({ ...system, policy, townId, county: 'xiangdong', meta });
  const listing = (): RecordSelection => ({
    type: 'RecordSelection',
    data: { batchId: '2017', listed: true, publishedAt: new Date().toISOString(), weightedScore: 88 },
  });
  const relay = (townId: string, command: RecordSelection) => {
    const commandId = randomUUID();
    return handle(townId).signal(relayedTownCommandSignal, {
      command,
      from: 'batch-under-test',
      commandId,
      correlationId: commandId,
    });
  };
  const view = (townId: string) => handle(townId).query(townViewQuery);

  it('keeps a step pending when its first attempt committed unseen, records it once, and goes on', async () => {
    const townId = randomUUID();
    const stream = townDecider.streamOf(townId);
    const meta = metaFor(county);
    // The first attempt commits and never answers (it times out); the store is away for the others.
    system.store.fail('commit-then-hang', (name) => name === stream);

    const failed = await apply(townId, meta).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((failed as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'STEP_NOT_CONFIRMED' });
    const committed = await system.store.readStream(stream);
    expect(committed.map((event) => event.type)).toEqual(['TownApplied']);
    expect((await view(townId)).recording?.pending).toMatchObject({
      commandId: meta.commandId,
      commandType: 'ApplyForTown',
    });

    system.store.heal();
    await eventually('the town has settled its pending step', async () => {
      const { recording } = await view(townId);
      return recording?.pending === null && recording.stalledSince === null;
    });
    expect(await view(townId)).toMatchObject({ streamVersion: 0, state: { status: 'applied' } });

    // The same command again is answered with the step recorded: the same event, once.
    const retried = await apply(townId, meta);
    expect(retried.eventIds).toEqual(committed.map((event) => event.id));

    // The next fact follows it instead of meeting a wrong version (which used to fail the town).
    await relay(townId, listing());
    await eventually('the town is listed', async () => (await view(townId)).state.status === 'planning');
    const events = await system.store.readStream(stream);
    // (Listed today, the town also opens this year's review by itself.)
    expect(events.slice(0, 3).map((event) => event.type)).toEqual(['TownApplied', 'TownListed', 'RewardDue']);
    expect(events.filter((event) => event.type === 'TownApplied')).toHaveLength(1);
    expect((await handle(townId).describe()).status.name).toBe('RUNNING');
    expect(await handle(townId).query(townRecordedEventIdsQuery)).toEqual(events.map((event) => event.id));
  });

  it('catches up with events its run does not know (a reset past an append), instead of failing', async () => {
    const townId = randomUUID();
    const stream = townDecider.streamOf(townId);
    await apply(townId, metaFor(county));
    // What a reset to before an append that had committed leaves: the record holds a step the run
    // never saw (with ids the run will not generate again).
    const { state } = await view(townId);
    const actor = { userId: 'batch-under-test', seat: 'system' };
    const ctx = { now: new Date().toISOString(), actor, policy, commandId: randomUUID() };
    const decided = decideTown(listing(), state, ctx);
    const ids = decided.map(() => randomUUID());
    await system.store.append(stream, envelope(decided, { ...ctx, correlationId: ctx.commandId, ids }), 0);

    // The run is told the same list: its append meets the moved stream, and it reads what it missed.
    await relay(townId, listing());
    await eventually('the town has caught up', async () => (await view(townId)).state.status === 'planning');
    // The finance bureau then pays the reward that is due, after the events the run caught up with.
    const paid = await handle(townId).executeUpdate(townCommandUpdate, {
      args: [
        {
          command: { type: 'PayReward', data: { reward: 'listing', paymentRef: 'finance/2017/001' } },
          meta: metaFor(seatHolders.finance),
        },
      ],
    });

    expect(paid.eventTypes).toEqual(['RewardPaid']);
    const events = await system.store.readStream(stream);
    expect(events.map((event) => event.type)).toContain('RewardPaid');
    expect(events.filter((event) => event.type === 'TownListed')).toHaveLength(1);
    expect(events.slice(1, 3).map((event) => event.id)).toEqual(ids);
    expect(paid.streamVersion).toBe(events.length - 1);
    expect(await view(townId)).toMatchObject({
      streamVersion: events.length - 1,
      state: { status: 'planning' },
    });
    expect((await handle(townId).describe()).status.name).toBe('RUNNING');
  });
});

/**
 * Re-decision of a log the real workflows wrote: a small synthetic programme run on the time-skipping
 * server, then every step decided again from the log alone.
 */
import { programmeDecider } from '../../../domain/programme';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import { rehearsalFor, simulate } from '../../../apps/simulate/run-simulation';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import { jiangxiStyleObservation, rehearsalOf, requirePolicy } from '../../../domain/policy';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { redecideLog } from '../../../audit/redecide/redecide';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { recordPolicyPack, policyPackStream } from '../../../infra/policy-packs/policy-pack-log';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';

const small = { policyId: 'pingxiang-2017', towns: 12, seed: 3 } as const;

/** The log copied into a store of its own, event by event, with `change` applied on the way. */
async function copyOf(
  events: readonly RecordedEvent[],
  change: (event: RecordedEvent) => RecordedEvent = (event) => event,
): Promise<EventStore> {
  const copy = await createEventStore({ kind: 'pglite' });
  for (const event of events) {
    const { id, type, data, metadata, occurredAt } = change(event);
    await copy.append(event.stream, [{ id, type, data, metadata, occurredAt }], event.streamVersion - 1);
  }
  return copy;
}

describe('re-deciding a programme the workflows ran', () => {
  let world: TimeSkippingWorld;
  let policy: PolicyPack;
  let events: RecordedEvent[];

  beforeAll(async () => {
    world = await startTimeSkippingWorld({
      workflowBundlePath: testTemporal().workflowBundlePath,
      taskQueue: uniqueTaskQueue('redecide'),
      stallAfterMs: 30_000,
    });
    // The rehearsal the simulation runs, recorded as the programme's start records its pack.
    policy = await rehearsalFor(world, requirePolicy(small.policyId));
    await recordPolicyPack(world.store, policy, { programmeId: `sim-${small.seed}` });
    await simulate(world, small);
    events = await world.store.readAll();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('reproduces every step, each under the pack the log records', async () => {
    const report = await redecideLog({ store: world.store });

    expect(report.steps).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.totals.steps).toBeGreaterThan(100);
    expect(report.totals.reproduced).toBe(report.totals.steps);
    expect(new Set(report.streams.map((stream) => stream.kind))).toEqual(
      new Set(['programme', 'batch', 'town']),
    );
    expect(report.packs).toEqual([
      { id: policy.id, version: policy.version, source: 'log', steps: report.totals.steps },
    ]);
    expect(report.otherStreams).toEqual({ policy: 1 });
    expect(report.eventsRead).toBe(events.length);
  });

  it('names the step whose event was edited in a copy of the log', async () => {
    // A rating the office gave (a missing-statistics rating is the scheduler's RateMissingStatisticsUnqualified).
    const rated = events.find(
      (event) => event.type === 'TownRated' && (event.data as { basis: string }).basis === 'assessment',
    );
    if (rated === undefined) throw new Error('the simulation rated no town');
    const found = (rated.data as { rating: string }).rating === 'excellent' ? 'qualified' : 'excellent';
    const copy = await copyOf(events, (event) =>
      event.id === rated.id ? { ...event, data: { ...(event.data as object), rating: found } } : event,
    );
    try {
      const report = await redecideLog({ store: copy });

      expect(report.ok).toBe(false);
      expect(report.totals.differs).toBe(1);
      expect(report.steps).toEqual([
        expect.objectContaining({
          stream: rated.stream,
          fromVersion: rated.streamVersion,
          commandType: 'RateTown',
          outcome: {
            status: 'differs',
            difference: {
              eventIndex: 0,
              streamVersion: rated.streamVersion,
              path: 'data.rating',
              expected: (rated.data as { rating: string }).rating,
              found,
            },
          },
        }),
      ]);
    } finally {
      await copy.close();
    }
  });

  it('shows the unqualified ratings decided otherwise under the Jiangxi-style pack: observation, not exit', async () => {
    const exits = events.filter(
      (event) => event.type === 'TownRated' && (event.data as { consequence: string }).consequence === 'exit',
    );
    expect(exits.length).toBeGreaterThan(0);
    const firstWindow = policy.batches[0]?.applicationOpensOn ?? '';
    const whatIf = rehearsalOf(jiangxiStyleObservation, firstWindow);

    const report = await redecideLog({ store: world.store, whatIf });

    expect(report.ok).toBe(true);
    const ratingSteps = report.whatIf?.steps.filter((step) => step.eventTypes[0] === 'TownRated') ?? [];
    expect(ratingSteps.map((step) => step.position).sort()).toEqual(
      exits.map((event) => event.globalPosition.toString()).sort(),
    );
    for (const step of ratingSteps) {
      expect(step.whatIf).toEqual({ decided: ['TownRated', 'TownPlacedUnderObservation'] });
      expect(step.difference).toMatchObject({
        path: 'data.consequence',
        expected: 'observation',
        found: 'exit',
      });
    }
  });

  it('finds the pack of a programme started where programmes start, recorded once', async () => {
    const pack = rehearsalOf(jiangxiStyleObservation, policy.batches[0]?.applicationOpensOn ?? '');
    const programme = {
      programmeId: 'adopted',
      policy: pack,
      taskQueue: world.taskQueue,
      store: world.store,
    };

    await ensureProgrammeStarted(world.client, programme);
    await ensureProgrammeStarted(world.client, programme);
    await world.settle();
    try {
      const report = await redecideLog({ store: world.store });

      expect(await world.store.readStream(policyPackStream(pack.id))).toHaveLength(1);
      expect(report.ok).toBe(true);
      expect(report.packs).toContainEqual(
        expect.objectContaining({ id: pack.id, version: pack.version, source: 'log' }),
      );
      const adopted = report.streams.find((stream) => stream.stream === 'programme-adopted');
      expect(adopted?.steps).toBeGreaterThan(0);
      expect(adopted?.reproduced).toBe(adopted?.steps);
    } finally {
      await world.client.workflow.getHandle(programmeDecider.streamOf('adopted')).terminate('test over');
    }
  });
});

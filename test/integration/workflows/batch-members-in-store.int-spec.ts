import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  batchDecider,
  batchMembersOf,
  summariseBatchMembers,
  withoutBatchMembers,
  type BatchEvent,
  type BatchState,
} from '../../../domain/batch';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import {
  batchRecordedEventIdsQuery,
  type BatchContinuation,
  type BatchView,
} from '../../../workflows/batch/batch.messages';
import { summariseLists } from '../../../domain/shared/list-summary';
import { continuationOf } from '../../helpers/continuation';
import { batchStateIn } from '../../helpers/programme-officials';
import { eventually } from '../../helpers/programme-startup';
import { testTemporal } from '../../helpers/test-env';
import {
  A1,
  A2,
  batch2017,
  E1,
  L1,
  pingxiangScenario,
  S1,
  W1,
  X1,
  type PingxiangScenario,
} from '../../helpers/pingxiang-scenario';

const PROGRAMME = 'batch-members-in-store';
const LISTED = [A1, A2, X1, L1, S1, E1, W1].map((town) => town.townId);
/** Low enough that the 2017 batch hands over several times while its eight applications and scores arrive. */
const LIMIT = 40;

const foldThrough = (events: readonly RecordedEvent[], version: number): BatchState =>
  events
    .filter((event) => event.streamVersion <= version)
    .reduce(
      (state, event) => batchDecider.evolve(state, { type: event.type, data: event.data } as BatchEvent),
      batchDecider.initialState,
    );

/** What every run of the chain was started with, oldest first (the first run carried nothing). */
async function continuationsOf(
  scenario: PingxiangScenario,
  handle: WorkflowHandle,
): Promise<(BatchContinuation | undefined)[]> {
  const carried: (BatchContinuation | undefined)[] = [];
  for (let runId: string | undefined = (await handle.describe()).runId; runId;) {
    const run: WorkflowHandle = scenario.officials.client.workflow.getHandle(handle.workflowId, runId);
    carried.unshift(await continuationOf<BatchContinuation>(run));
    const { events } = await run.fetchHistory();
    runId = events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return carried;
}

/**
 * Issue 14, item 5 (decision 0097): a batch hands over to its next run the counts and hash of its
 * applications, scores and lists, not the collections; the next run reads them back from the batch's
 * stream and checks them before it takes any step. Its list is then decided and published on them.
 */
describe("a batch's members stay in its stream across continue-as-new", () => {
  let world: TimeSkippingWorld;
  let scenario: PingxiangScenario;
  const stream = batchDecider.streamOf(PROGRAMME, '2017', 'unambiguous');
  const handle = () => scenario.officials.batchHandle('2017');
  let handOversWhileApplying = 0;
  let viewBeforeTheList: BatchView | undefined;

  beforeAll(async () => {
    world = await startTimeSkippingWorld({ workflowBundlePath: testTemporal().workflowBundlePath });
    scenario = pingxiangScenario(world, PROGRAMME, { historyLength: LIMIT }, { listPageTowns: 3 });
    await scenario.start();
    await scenario.applyFirstBatch();
    handOversWhileApplying = (await continuationsOf(scenario, handle())).length - 1;
    await scenario.defendFirstBatch();
    // A run reading its members back has no queries yet (decision 0097): asked until it answers.
    await eventually('the batch answers its view', async () => {
      viewBeforeTheList = await scenario.officials.batchView('2017').catch(() => undefined);
      return viewBeforeTheList !== undefined;
    });
    await scenario.officials.decideList('2017', LISTED);
    await scenario.officials.publishList('2017');
    await world.settle();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('hands over at least twice while applications and scores arrive, each time without the collections', async () => {
    const carried = (await continuationsOf(scenario, handle())).slice(1);
    expect(handOversWhileApplying).toBeGreaterThanOrEqual(1);
    expect(carried.length).toBeGreaterThanOrEqual(2);
    expect(carried.filter((run) => (run?.members?.scores ?? 0) > 0).length).toBeGreaterThanOrEqual(1);
    const recorded = await world.store.readStream(stream);
    for (const run of carried) {
      if (!run?.members) throw new Error('a run was handed over without its members summary');
      expect(batchMembersOf(run.position.state)).toEqual({
        applications: [],
        scores: {},
        listed: [],
        notListed: [],
      });
      expect(run.position.recordedEventIds).toEqual([]);
      // The summaries are the stream's, through the version the run that handed over had folded.
      const folded = foldThrough(recorded, run.position.streamVersion);
      expect(run.members).toEqual(summariseBatchMembers(batchMembersOf(folded)));
      const recordedEventIds = recorded
        .filter((event) => event.streamVersion <= run.position.streamVersion)
        .map((event) => event.id);
      expect(run.eventIds).toEqual(summariseLists({ recordedEventIds }));
      expect(run.members.applications).toBeGreaterThan(0);
      // Small: no collection that grows with the applicants travels in the input.
      expect(JSON.stringify(run).length).toBeLessThan(16 * 1024);
    }
  });

  it('holds, after the hand-overs, the state a fold of its stream gives', async () => {
    const recorded = await world.store.readStream(stream);
    const scoredAt = recorded.filter((event) => event.type === 'DefenceScored').at(-1)?.streamVersion ?? -1;
    const folded = foldThrough(recorded, scoredAt);
    // The view counts the collections (decision 0098); the fold through its version holds them.
    expect(viewBeforeTheList?.state).toEqual(withoutBatchMembers(folded));
    expect(viewBeforeTheList?.members).toEqual(summariseBatchMembers(batchMembersOf(folded)));
    const asRecorded = viewBeforeTheList && (await batchStateIn(world.store, viewBeforeTheList));
    expect(asRecorded).toEqual(folded);
    expect(asRecorded?.applications.map((application) => application.townId)).toEqual(
      batch2017.map((town) => town.townId),
    );
    expect(Object.keys(asRecorded?.scores ?? {}).sort()).toEqual(batch2017.map((town) => town.townId).sort());
  });

  it('decides and publishes its list on the applicants it read back, and ends with the stream’s state', async () => {
    const recorded = await world.store.readStream(stream);
    const types = recorded.map((event) => event.type);
    expect(types).toContain('ListClosed');
    expect(types.at(-1)).toBe('ListPagesPublished');
    // The ids of the events its runs appended were read back too: every event of its stream.
    expect(await handle().query(batchRecordedEventIdsQuery)).toEqual(recorded.map((event) => event.id));
    const final = (await handle().result()) as BatchState;
    expect(final).toEqual(foldThrough(recorded, recorded.length - 1));
    expect(final.status).toBe('published');
    expect(final.listed.map((town) => town.townId).sort()).toEqual([...LISTED].sort());
    expect(final.notListed.map((town) => town.townId)).toEqual(
      batch2017.map((town) => town.townId).filter((townId) => !LISTED.includes(townId)),
    );
  });

  it('goes on from its stream when the run that handed over carried lists unlike it', async () => {
    // The last run again, as if the run before it had carried another digest: a run whose memory strayed
    // from what it recorded. It must not stop for good; it reads the record and goes on from it.
    const { events } = await handle().fetchHistory();
    const started = events?.[0]?.workflowExecutionStartedEventAttributes;
    const payload = started?.input?.payloads?.[0];
    if (!payload || !started?.taskQueue?.name) throw new Error('the last run has no input');
    const input = defaultPayloadConverter.fromPayload<{ continued?: BatchContinuation }>(payload);
    const continued = input.continued;
    if (!continued?.members) throw new Error('the last run was not handed over with its members');
    const strayed = { ...continued, members: { ...continued.members, digest: '0'.repeat(64) } };
    const again = await scenario.officials.client.workflow.start('batchWorkflow', {
      workflowId: handle().workflowId,
      taskQueue: started.taskQueue.name,
      args: [{ ...input, continued: strayed }],
    });
    const recorded = await world.store.readStream(stream);
    const folded = foldThrough(recorded, continued.position.streamVersion);
    // A run reading its members back has no queries yet (decision 0097): asked until it answers.
    let view: BatchView | undefined;
    await eventually('the run that read the record answers its view', async () => {
      view = await again.query<BatchView>('batchView').catch(() => undefined);
      return view !== undefined;
    });
    expect(view?.members).toEqual(summariseBatchMembers(batchMembersOf(folded)));
    expect(view?.members).not.toEqual(strayed.members);
    await again.terminate('test over');
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { type WorkflowHandle } from '@temporalio/client';
import { batchDecider, withoutBatchMembers } from '../../../domain/batch';
import { townDecider } from '../../../domain/town';
import { definePolicyPack } from '../../../domain/policy/define-policy-pack';
import type { TownCommand } from '../../../domain/town';
import {
  batchRecordedEventIdsQuery,
  batchViewQuery,
  submitApplicationUpdate,
  type BatchView,
} from '../../../workflows/batch/batch.messages';
import { batchWorkflow } from '../../../workflows/batch/batch.workflow';
import {
  townCommandUpdate,
  townRecordedEventIdsQuery,
  townViewQuery,
} from '../../../workflows/town/town.messages';
import { continuationOf } from '../../helpers/continuation';
import { eventually } from '../../helpers/programme-startup';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { applyDirectly } from '../../helpers/town-application';

/**
 * Long lives hand over to a fresh run: forced here by a low history threshold. The next run must go on
 * exactly where the last one stopped: the same state, stream version and record of appended events.
 */
describe('continue-as-new', () => {
  // No reminders and no review this year: nothing fires by itself while the test compares the runs.
  const { version: _version, ...rehearsal } = pingxiangRehearsalOpeningToday();
  const policy = definePolicyPack({
    ...rehearsal,
    id: 'continue-as-new-test',
    reminders: { daysBefore: [] },
    yearlyReview: { ...rehearsal.yearlyReview, firstYearOffset: 1 },
  });
  const limits = { historyLength: 20 };
  let system: DevServerWorker;

  beforeAll(async () => {
    system = await startDevServerWorker('continue-as-new');
  });

  afterAll(async () => {
    await system.close();
  });

  type Step = () => Promise<unknown>;

  /** Takes steps until the run hands over: the id of the run that ended, and the steps not yet taken. */
  async function untilContinued(handle: WorkflowHandle, steps: readonly Step[]) {
    const { runId } = await handle.describe();
    for (const [index, step] of steps.entries()) {
      await step();
      const latest = await handle.describe();
      if (latest.runId !== runId) return { endedRunId: runId, remaining: steps.slice(index + 1) };
    }
    throw new Error('the workflow never continued as new');
  }

  it('a town carries its state, version and recorded events into the next run, and goes on', async () => {
    const townId = randomUUID();
    const county = seatHolders.county('shangli');
    const act = (actor: typeof county, command: TownCommand) =>
      system.client.workflow
        .getHandle(townDecider.streamOf(townId))
        .executeUpdate(townCommandUpdate, { args: [{ command, meta: metaFor(actor) }] });
    await applyDirectly({ ...system, policy, townId, name: '上栗花炮小镇', meta: metaFor(county), limits });
    const handle = system.client.workflow.getHandle(townDecider.streamOf(townId));
    const documents = { 'special-plan': 'doc://plan', 'work-plan': 'doc://work' };
    const { endedRunId, remaining } = await untilContinued(handle, [
      () =>
        act(seatHolders.secretary, {
          type: 'RecordSelection',
          data: { batchId: '2017', listed: true, publishedAt: new Date().toISOString(), weightedScore: 88 },
        }),
      () => act(seatHolders.finance, { type: 'PayReward', data: { reward: 'listing', paymentRef: 'pay-1' } }),
      () => act(county, { type: 'SubmitPlan', data: { documents } }),
      () => act(seatHolders.office, { type: 'ReturnPlan', data: { reasons: ['incomplete'] } }),
      () => act(county, { type: 'SubmitPlan', data: { documents } }),
      () => act(seatHolders.office, { type: 'ApprovePlan', data: {} }),
    ]);

    const ended = system.client.workflow.getHandle(townDecider.streamOf(townId), endedRunId);
    const [before, after] = [await ended.query(townViewQuery), await handle.query(townViewQuery)];
    expect(after).toEqual(before);
    expect(await continuationOf(handle)).toMatchObject({
      position: {
        state: before.state,
        streamVersion: before.streamVersion,
        recordedEventIds: await ended.query(townRecordedEventIdsQuery),
      },
    });
    expect(await handle.query(townRecordedEventIdsQuery)).toEqual(
      await ended.query(townRecordedEventIdsQuery),
    );
    const stored = await system.store.readStream(townDecider.streamOf(townId));
    expect(stored.map((event) => event.id)).toEqual(await handle.query(townRecordedEventIdsQuery));
    expect(after.streamVersion).toBe(stored.length - 1);

    // The next run takes the remaining steps, appending after the last event of the previous run.
    for (const step of remaining) await step();
    const resumed = await handle.query(townViewQuery);
    expect(resumed.state.plan.status).toBe('approved');
    const next = await act(seatHolders.office, {
      type: 'RecordProgressCheck',
      data: { passed: true, findings: 'ok' },
    });
    expect(next.streamVersion).toBe(resumed.streamVersion + 2);
    expect(
      (await system.store.readStream(townDecider.streamOf(townId))).map((event) => event.type).slice(-2),
    ).toEqual(['ProgressCheckPassed', 'RewardDue']);
  });

  it('a batch does the same, with the towns it started unaffected', async () => {
    const programmeId = randomUUID();
    const handle = await system.client.workflow.start(batchWorkflow, {
      workflowId: batchDecider.streamOf(programmeId, '2017', 'unambiguous'),
      taskQueue: system.taskQueue,
      args: [
        { programmeId, batchId: '2017', policy, priorListedByCounty: {}, limits, naming: 'unambiguous' },
      ],
    });
    const counties = ['anyuan', 'xiangdong', 'lianhua', 'shangli', 'luxi', 'pingxiang-etdz', 'wugongshan'];
    const townIds = counties.map(() => randomUUID());
    const { endedRunId } = await untilContinued(
      handle,
      counties.map(
        (county, index) => () =>
          handle.executeUpdate(submitApplicationUpdate, {
            args: [
              {
                data: {
                  townId: townIds[index] ?? '',
                  name: `${county} 小镇`,
                  county,
                  kind: 'administrative-town',
                  industry: 'new-materials',
                },
                meta: metaFor(seatHolders.county(county)),
              },
            ],
          }),
      ),
    );
    const ended = system.client.workflow.getHandle(
      batchDecider.streamOf(programmeId, '2017', 'unambiguous'),
      endedRunId,
    );
    // The new run answers queries once it has read its applications back (decision 0097).
    let after: BatchView | undefined;
    await eventually('the new run answers its view', async () => {
      after = await handle.query(batchViewQuery).catch(() => undefined);
      return after !== undefined;
    });
    const before = await ended.query(batchViewQuery);
    expect(after).toEqual(before);
    // Its applications and event ids stay in its stream: the input carries counts and hashes (decision 0097).
    expect(await continuationOf(handle)).toMatchObject({
      position: {
        state: withoutBatchMembers(before.state),
        streamVersion: before.streamVersion,
        recordedEventIds: [],
      },
      members: before.members,
    });
    const recorded = await handle.query(batchRecordedEventIdsQuery);
    expect(
      (await system.store.readStream(batchDecider.streamOf(programmeId, '2017', 'unambiguous'))).map(
        (event) => event.id,
      ),
    ).toEqual(recorded);
    // Applications go on in the new run, on top of what the last one recorded.
    // The view counts its applications (decision 0098).
    expect(after?.state.applications).toEqual([]);
    const applied = after?.members.applications ?? 0;
    expect(applied).toBeGreaterThan(0);
    const next = counties[applied];
    if (next) {
      await handle.executeUpdate(submitApplicationUpdate, {
        args: [
          {
            data: {
              townId: randomUUID(),
              name: '小镇',
              county: next,
              kind: 'administrative-town',
              industry: 'new-energy',
            },
            meta: metaFor(seatHolders.county(next)),
          },
        ],
      });
      // It may have handed over again, and be reading its applications back: asked until it answers.
      await eventually('the batch holds one application more', async () => {
        const view = await handle.query(batchViewQuery).catch(() => undefined);
        return view?.members.applications === applied + 1;
      });
    }
  });
});

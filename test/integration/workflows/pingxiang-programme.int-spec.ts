import { provincialRoundOf } from '../../helpers/provincial-round';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { batchDecider } from '../../../domain/batch';
import { membersOf, programmeDecider, summariseMembers } from '../../../domain/programme';
import { townDecider } from '../../../domain/town';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import type { TownState } from '../../../domain/town';
import { batchRecordedEventIdsQuery } from '../../../workflows/batch/batch.messages';
import { programmeRecordedEventIdsQuery } from '../../../workflows/programme/programme.messages';
import {
  townAllowedQuery,
  townDeadlinesQuery,
  townRecordedEventIdsQuery,
} from '../../../workflows/town/town.messages';
import { parseAsOf } from '../../../audit/state-at/as-of';
import { townStateAt } from '../../../audit/state-at/state-at';
import { testTemporal } from '../../helpers/test-env';
import { programmeStateIn } from '../../helpers/programme-officials';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import {
  A1,
  A2,
  A3,
  allTowns,
  E1,
  L1,
  L2,
  pingxiangScenario,
  S1,
  S2,
  U1,
  U2,
  W1,
  X1,
  X2,
  type PingxiangScenario,
} from '../../helpers/pingxiang-scenario';

const PROGRAMME = 'pingxiang-rehearsal';
const MILLION = 1_000_000;

/** Why an update was refused: the ApplicationFailure's type is the refusal code. */
async function refusalOf(step: Promise<unknown>): Promise<string | undefined> {
  const error = await step.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((error as WorkflowUpdateFailedError).cause as { type?: string } | undefined)?.type;
}

/**
 * The whole Pingxiang programme on the time-skipping test server: four years of calendar in well under
 * a minute. Steps run in order, each building on the last (the programme is one story).
 */
describe('the Pingxiang programme, from the first window to the final acceptance', () => {
  /** The towns the city recommended to the province by the 2028 review, each with its review year. */
  const recommendedBy2028 = [
    [E1.townId, 2027],
    [A1.townId, 2027],
    [S1.townId, 2027],
    [A2.townId, 2027],
    [W1.townId, 2028],
    [X2.townId, 2028],
  ];
  let world: TimeSkippingWorld;
  let scenario: PingxiangScenario;
  const townState = async (townId: string): Promise<TownState> =>
    (await scenario.officials.townView(townId)).state;

  /** What a town's workflow reported at one moment of the story, with the events it had recorded by then. */
  interface Reported {
    readonly moment: string;
    readonly townId: string;
    readonly state: TownState;
    readonly eventIds: readonly string[];
  }
  const reported: Reported[] = [];
  /** Asks every town's workflow for its state, for the auditors' fold to be held to at the end. */
  const noteWhatTownsReport = async (moment: string): Promise<void> => {
    for (const { townId } of allTowns) {
      const handle = scenario.officials.townHandle(townId);
      const before = await handle.query(townRecordedEventIdsQuery).catch(() => null);
      if (before === null || before.length === 0) continue;
      const state = await townState(townId);
      // Taken between two readings of its record that agree, so state and events belong together.
      const after = await handle.query(townRecordedEventIdsQuery);
      if (after.length === before.length) reported.push({ moment, townId, state, eventIds: after });
    }
  };

  beforeAll(async () => {
    world = await startTimeSkippingWorld({ workflowBundlePath: testTemporal().workflowBundlePath });
    // Every workflow hands over to a fresh run at 150 history events, so the story crosses continue-as-new.
    scenario = pingxiangScenario(world, PROGRAMME, { historyLength: 150 });
  });

  afterAll(async () => {
    await world?.close();
  });

  it('opens the first batch by itself on 1 March, after reminding a week and a day before', async () => {
    await scenario.start();
    const programme = await scenario.officials.programmeView();
    expect(programme.state.batches.map((batch) => [batch.batchId, batch.status])).toEqual([
      ['2017', 'opened'],
      ['2018', 'scheduled'],
    ]);
    const stored = await world.store.readStream(programmeDecider.streamOf(PROGRAMME));
    expect(stored.map((event) => event.type)).toEqual([
      'ProgrammeStarted',
      'DeadlineReminderSent',
      'DeadlineReminderSent',
      'ProgrammeBatchOpened',
    ]);
    expect(stored[1]?.data).toMatchObject({ deadline: 'batch-opens:2017', daysBefore: 7 });
    expect(stored[3]?.metadata.actor).toEqual({ userId: 'scheduler', seat: 'system' });
    expect((await scenario.officials.batchView('2017')).state.status).toBe('open');
  });

  it('takes applications through the batch, each starting and recording the town', async () => {
    await scenario.applyFirstBatch();
    const batch = await world.store.readStream(batchDecider.streamOf(PROGRAMME, '2017', 'unambiguous'));
    expect(batch.filter((event) => event.type === 'ApplicationReceived')).toHaveLength(8);
    const town = await world.store.readStream(townDecider.streamOf(A1.townId));
    expect(town.map((event) => event.type)).toEqual(['TownApplied']);
    // The same instant and the same official's command caused both facts.
    const received = batch.find((event) => (event.data as { townId?: string }).townId === A1.townId);
    expect(town[0]?.occurredAt).toBe(received?.occurredAt);
    expect(town[0]?.metadata.causationId).toBe(received?.metadata.causationId);
  });

  it('closes the window by itself at the end of March and publishes the list the joint meeting decided', async () => {
    await scenario.selectFirstBatch();
    const batch = await scenario.officials.batchView('2017');
    expect(batch.state.status).toBe('published');
    expect(
      (await world.store.readStream(batchDecider.streamOf(PROGRAMME, '2017', 'unambiguous')))
        .filter((event) => event.type === 'ApplicationWindowClosed' || event.type === 'DeadlineReminderSent')
        .map((event) => [event.type, event.metadata.actor.seat]),
    ).toEqual([
      ['DeadlineReminderSent', 'system'],
      ['DeadlineReminderSent', 'system'],
      ['ApplicationWindowClosed', 'system'],
    ]);
    expect((await townState(A1.townId)).status).toBe('planning');
    expect((await townState(U1.townId)).status).toBe('not-listed');
    expect((await scenario.officials.townHandle(U1.townId).describe()).status.name).toBe('COMPLETED');
    expect((await programmeStateIn(world.store, PROGRAMME)).listedTowns).toHaveLength(7);
    await noteWhatTownsReport('first list published');
  });

  it('answers what each seat may do next and what the town is waiting for', async () => {
    const handle = scenario.officials.townHandle(X1.townId);
    const allowed = await handle.query(townAllowedQuery, {});
    expect(allowed['county-official']).toEqual(['SubmitPlan', 'RegisterProject', 'RecordFunding']);
    expect(allowed['finance-bureau']).toEqual(['PayReward', 'RecordFunding']);
    expect(allowed.auditor).toEqual([]);
    const upcoming = await handle.query(townDeadlinesQuery);
    expect(upcoming.deadlines[0]).toMatchObject({
      name: 'plan-submission',
      dueAt: '2027-07-06T15:59:59.999Z',
      command: { type: 'MarkPlanOverdue' },
    });
    expect(
      upcoming.reminders.filter((r) => r.deadline === 'plan-submission').map((r) => r.daysBefore),
    ).toEqual([7, 1]);
  });

  it('pays the listing reward, takes plans on time, returned and late', async () => {
    await scenario.firstBatchPlanning();
    const late = await townState(X1.townId);
    expect(late.plan).toMatchObject({
      status: 'approved',
      submittedLate: true,
      overdueNoticeFor: '2027-07-06T15:59:59.999Z',
    });
    const x1Events = await world.store.readStream(townDecider.streamOf(X1.townId));
    expect(x1Events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['DeadlineReminderSent', 'PlanOverdue', 'PlanSubmitted', 'PlanApproved']),
    );
    expect(
      x1Events.filter((event) => event.type === 'DeadlineReminderSent').map((event) => event.data),
    ).toEqual([
      expect.objectContaining({ deadline: 'plan-submission', daysBefore: 7 }),
      expect.objectContaining({ deadline: 'plan-submission', daysBefore: 1 }),
    ]);
    expect((await townState(W1.townId)).plan).toMatchObject({ status: 'approved', submissions: 2 });
    expect((await townState(A1.townId)).plan.submittedLate).toBe(false);
  });

  it('reviews 2027: the cycle opens for every listed town; an unqualified town exits and forfeits reward 2', async () => {
    await scenario.review2027();
    const lotus = await townState(L1.townId);
    expect(lotus.status).toBe('exited');
    expect(lotus.rewards.map((reward) => [reward.reward, reward.status])).toEqual([
      ['listing', 'paid'],
      ['progress', 'forfeited'],
    ]);
    const programme = await scenario.officials.programmeView();
    const recorded = await programmeStateIn(world.store, PROGRAMME);
    expect(recorded.exitedTowns).toEqual([L1.townId]);
    // The view counts and hashes the lists the stream holds, and carries none of them (decision 0068).
    expect(programme.members).toEqual(summariseMembers(membersOf(recorded)));
    expect(programme.state.listedTowns).toEqual([]);
    expect(programme.state.reviewCycles.find((cycle) => cycle.year === 2027)?.status).toBe('opened');
    // The ratings the 2027 round will read are in the towns' streams (the programme's reports of them
    // are not handed from run to run: decision 0063).
    for (const { townId } of [A1, A2, X1, L1, S1, E1, W1]) {
      const rated = (await world.store.readStream(townDecider.streamOf(townId))).filter(
        (e) => e.type === 'TownRated',
      );
      expect(rated.map((event) => (event.data as { year: number }).year)).toEqual([2027]);
    }
    await noteWhatTownsReport('2027 reviewed');
  });

  it('limits the towns listed, not the applications: Anyuan, with two towns listed, applies again', async () => {
    await scenario.at('2028-01-02T10:00:00');
    expect((await programmeStateIn(world.store, PROGRAMME)).recommended.map((town) => town.townId)).toEqual([
      E1.townId,
      A1.townId,
      S1.townId,
      A2.townId,
    ]);
    expect((await townState(L1.townId)).exit?.supportEnded).toBe(true);
    await scenario.applySecondBatch();
    const batch = await world.store.readStream(batchDecider.streamOf(PROGRAMME, '2018', 'unambiguous'));
    // Lianhua's lotus town exited in 2027: its place is free again (a marked default of the pack).
    expect(batch[0]?.data).toMatchObject({
      priorListedByCounty: { anyuan: [A1.townId, A2.townId], xiangdong: [X1.townId] },
    });
    expect((batch[0]?.data as { priorListedByCounty: object }).priorListedByCounty).not.toHaveProperty(
      'lianhua',
    );
    // An industry the plan does not name is taken as `other`, described (§II.2 "等").
    expect((await world.store.readStream(townDecider.streamOf(A3.townId)))[0]?.data).toMatchObject({
      county: 'anyuan',
      industry: 'other',
      industryDescription: '竹编工艺',
    });
    expect(await refusalOf(scenario.officials.decideList('2018', [X2.townId]))).toBe(
      'APPLICATION_WINDOW_STILL_OPEN',
    );
  });

  it('selects the second batch, refusing to list a third Anyuan town, and runs its planning', async () => {
    await scenario.defendSecondBatch();
    expect(await refusalOf(scenario.officials.decideList('2018', [X2.townId, A3.townId]))).toBe(
      'COUNTY_QUOTA_FULL',
    );
    await scenario.listSecondBatch();
    expect((await townState(A3.townId)).status).toBe('not-listed');
    expect((await townState(S2.townId)).status).toBe('not-listed');
    expect((await townState(U2.townId)).status).toBe('cultivating');
    expect((await programmeStateIn(world.store, PROGRAMME)).listedTowns).toHaveLength(10);
  });

  it('reviews 2028: missing statistics are rated unqualified; every excellent town the province has not listed goes forward', async () => {
    await scenario.provincialAnswers2027();
    expect((await townState(E1.townId)).provincial.decisions).toEqual([{ reviewYear: 2027, listed: true }]);
    await scenario.review2028();
    const building = await townState(U2.townId);
    expect(building.status).toBe('exited');
    expect(building.ratingsByYear[2028]).toMatchObject({
      rating: 'unqualified',
      basis: 'missing-statistics',
    });
    await scenario.at('2029-01-02T10:00:00');
    const programme = await programmeStateIn(world.store, PROGRAMME);
    expect(programme.recommended.map((town) => [town.townId, town.reviewYear])).toEqual(recommendedBy2028);
    const round = provincialRoundOf(await world.store.readStream(programmeDecider.streamOf(PROGRAMME)), 2028);
    // Four towns were excellent in 2028: the two the province listed are not put forward again, the
    // other two are, over the 3–5 (§IV.3); the target is the province's list, two towns so far.
    expect(round).toMatchObject({
      recommended: [
        { townId: W1.townId, rank: 1 },
        { townId: X2.townId, rank: 2 },
      ],
      notRecommended: expect.arrayContaining([
        { townId: E1.townId, reason: 'listed-by-province' },
        { townId: A1.townId, reason: 'listed-by-province' },
        { townId: S1.townId, reason: 'not-eligible' },
      ]),
      totalRecommended: 6,
      targetMet: false,
      provincialList: { listed: 2, minTowns: 3, maxTowns: 5 },
    });
    expect((await townState(X2.townId)).provincial).toMatchObject({
      decidedYears: [2028],
      recommendedYears: [2028],
    });
    // A town not put forward has the reason in its own history.
    const notRecommended = (await world.store.readStream(townDecider.streamOf(A1.townId))).filter(
      (event) => event.type === 'TownNotRecommendedToProvince',
    );
    expect(notRecommended.map((event) => event.data)).toEqual([
      { reviewYear: 2028, reason: 'listed-by-province' },
    ]);
    // Support ended on 1 January: the listing reward never paid is forfeited with it.
    expect((await townState(U2.townId)).rewards.map((reward) => [reward.reward, reward.status])).toEqual([
      ['listing', 'forfeited'],
      ['progress', 'forfeited'],
    ]);
    await noteWhatTownsReport('2028 reviewed');
  });

  it('holds the two-year checks: passed and paid, never held, failed and not taken again in time', async () => {
    await scenario.progressFirstBatch();
    expect((await townState(W1.townId)).progressCheck.status).toBe('failed');
    await scenario.review2029();
    await scenario.progressSecondBatch();
    // "两年内…经考核合格": a failed check may be taken again until the two years are up.
    const failedOnce = await townState(L2.townId);
    expect(failedOnce.progressCheck).toMatchObject({ status: 'pending', failedAttempts: 1 });
    expect(failedOnce.rewards.find((reward) => reward.reward === 'progress')?.status).toBe('pending');
    await scenario.at('2030-05-05T10:00:00');
    expect((await townState(L2.townId)).rewards.find((reward) => reward.reward === 'progress')?.status).toBe(
      'not-earned',
    );
    const notEarned = (await world.store.readStream(townDecider.streamOf(L2.townId))).find(
      (event) => event.type === 'RewardNotEarned',
    );
    expect(notEarned?.data).toMatchObject({ reward: 'progress', reason: 'progress-check-failed' });
  });

  it('starts the final acceptance on 1 December 2030 and closes every town, accepted or not', async () => {
    await scenario.finalAcceptance([S1.townId, L2.townId]);
    await scenario.close();
    const programme = await scenario.officials.programmeHandle().result();
    expect(programme.status).toBe('closed');
    // §IV.4's four requirements, each with a finding.
    const opinion = (await world.store.readStream(townDecider.streamOf(S1.townId))).find(
      (event) => event.type === 'AcceptanceOpinionFormed',
    );
    expect(Object.keys((opinion?.data as { findings: object }).findings).sort()).toEqual([
      'characteristic-town',
      'recognition',
      'renown',
      'targets-met',
    ]);
    await noteWhatTownsReport('final acceptance');
  });

  it('ends with every town where the rules put it', async () => {
    const outcome = async (townId: string) => {
      const state = await townState(townId);
      return {
        status: state.status,
        accepted: state.acceptance?.outcome ?? null,
        exit: state.exit?.reason ?? null,
        provincial: state.provincial.recommendedInYear,
        rewards: Object.fromEntries(state.rewards.map((reward) => [reward.reward, reward.status])),
      };
    };
    const accepted = (provincial: number | null, progress: string) => ({
      status: 'closed',
      accepted: 'accepted',
      exit: null,
      provincial,
      rewards: { listing: 'paid', progress },
    });
    expect(await outcome(A1.townId)).toEqual(accepted(2027, 'paid'));
    expect(await outcome(A2.townId)).toEqual(accepted(2027, 'paid'));
    expect(await outcome(X1.townId)).toEqual(accepted(null, 'paid'));
    expect(await outcome(E1.townId)).toEqual(accepted(2027, 'paid'));
    expect(await outcome(W1.townId)).toEqual(accepted(2028, 'not-earned'));
    expect(await outcome(X2.townId)).toEqual(accepted(2028, 'paid'));
    expect(await outcome(S1.townId)).toEqual({ ...accepted(2027, 'paid'), accepted: 'not-accepted' });
    expect(await outcome(L2.townId)).toEqual({ ...accepted(null, 'not-earned'), accepted: 'not-accepted' });
    expect(await outcome(L1.townId)).toMatchObject({ status: 'exited', exit: 'rating' });
    expect(await outcome(U2.townId)).toMatchObject({ status: 'exited', exit: 'rating' });
    expect((await outcome(U1.townId)).status).toBe('not-listed');
    const programme = await programmeStateIn(world.store, PROGRAMME);
    expect(programme.status).toBe('closed');
    expect(programme.exitedTowns).toEqual([L1.townId, U2.townId]);
    expect(programme.recommended.map((town) => [town.townId, town.reviewYear])).toEqual([
      ...recommendedBy2028,
      [X2.townId, 2029],
      [W1.townId, 2029],
    ]);
    expect(programme.listedTowns).toHaveLength(10);
    expect((await outcome(S2.townId)).status).toBe('not-listed');
    expect((await outcome(A3.townId)).status).toBe('not-listed');
    for (const candidate of allTowns) {
      expect((await scenario.officials.townHandle(candidate.townId).describe()).status.name).toBe(
        'COMPLETED',
      );
    }
  });

  it('pays ¥15,000,000 in rewards: nine listing rewards and six progress rewards', async () => {
    const payments = (await world.store.readAll()).filter((event) => event.type === 'RewardPaid');
    const amount = (event: RecordedEvent) => (event.data as { amountYuan: number }).amountYuan;
    expect(payments.reduce((sum, event) => sum + amount(event), 0)).toBe(15 * MILLION);
    const perTown: Record<string, number> = {};
    for (const event of payments) perTown[event.stream] = (perTown[event.stream] ?? 0) + amount(event);
    expect(perTown).toEqual({
      [townDecider.streamOf(A1.townId)]: 2 * MILLION,
      [townDecider.streamOf(A2.townId)]: 2 * MILLION,
      [townDecider.streamOf(X1.townId)]: 2 * MILLION,
      [townDecider.streamOf(S1.townId)]: 2 * MILLION,
      [townDecider.streamOf(E1.townId)]: 2 * MILLION,
      [townDecider.streamOf(X2.townId)]: 2 * MILLION,
      [townDecider.streamOf(L1.townId)]: MILLION,
      [townDecider.streamOf(W1.townId)]: MILLION,
      [townDecider.streamOf(L2.townId)]: MILLION,
    });
  });

  it('leaves in the store exactly the events the workflows recorded: none lost, none twice', async () => {
    const { officials } = scenario;
    const recorded: Record<string, readonly string[]> = {
      [programmeDecider.streamOf(PROGRAMME)]: await officials
        .programmeHandle()
        .query(programmeRecordedEventIdsQuery),
      [batchDecider.streamOf(PROGRAMME, '2017', 'unambiguous')]: await officials
        .batchHandle('2017')
        .query(batchRecordedEventIdsQuery),
      [batchDecider.streamOf(PROGRAMME, '2018', 'unambiguous')]: await officials
        .batchHandle('2018')
        .query(batchRecordedEventIdsQuery),
    };
    for (const candidate of allTowns) {
      recorded[townDecider.streamOf(candidate.townId)] = await officials
        .townHandle(candidate.townId)
        .query(townRecordedEventIdsQuery);
    }
    const all = await world.store.readAll();
    const stored: Record<string, string[]> = {};
    for (const event of all) (stored[event.stream] ??= []).push(event.id);
    expect(stored).toEqual(recorded);
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length);
    // Long lives crossed continue-as-new on the way (every run hands over at 150 history events), and
    // the record is whole all the same.
    for (const handle of [officials.programmeHandle(), officials.townHandle(A1.townId)]) {
      const history = await handle.fetchHistory();
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      expect(started?.continuedExecutionRunId).toBeTruthy();
    }
  });

  it("folds, from the store, each town's state as its workflow reported it at every moment noted", async () => {
    expect(new Set(reported.map((entry) => entry.moment)).size).toBe(4);
    expect(reported.length).toBeGreaterThan(3 * allTowns.length);
    const byId = new Map((await world.store.readAll()).map((event) => [event.id, event]));
    for (const { moment, townId, state, eventIds } of reported) {
      // As of when the last event the workflow had then was stored: exactly those events are folded.
      const last = byId.get(eventIds.at(-1) ?? '');
      if (!last) throw new Error(`${townId} at "${moment}": its last event is not in the store`);
      const folded = await townStateAt(world.store, townId, parseAsOf(last.recordedAt, 'recorded'));
      expect({ moment, townId, events: folded.eventsFolded, state: folded.state }).toEqual({
        moment,
        townId,
        events: eventIds.length,
        state,
      });
    }
  });
});

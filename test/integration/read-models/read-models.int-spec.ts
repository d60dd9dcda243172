import { randomUUID } from 'node:crypto';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { envelope } from '../../../domain/shared/decision';
import type { Actor } from '../../../domain/shared/event-envelope';
import { foldTown, type TownCommand, type TownEvent, townDecider } from '../../../domain/town';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { programmeOverview } from '../../../apps/api/read-models/programme-overview';
import { Projector } from '../../../apps/api/read-models/projector';
import { ProgrammeReadModels } from '../../../apps/api/read-models/read-models';
import { recentStepsOf, recentStepsShown } from '../../../apps/api/read-models/recent-steps';
import { queryTowns, type TownListQuery } from '../../../apps/api/read-models/town-list-query';
import { upcomingDeadlines } from '../../../apps/api/read-models/upcoming-deadlines';

const policy = pingxiang2017;
const luxi: Actor = { userId: 'luxi-1', seat: 'county-official', county: 'luxi' };
const shangli: Actor = { userId: 'shangli-1', seat: 'county-official', county: 'shangli' };
const office: Actor = { userId: 'office-1', seat: 'joint-meeting-office' };
const finance: Actor = { userId: 'finance-1', seat: 'finance-bureau' };
const scheduler: Actor = { userId: 'scheduler', seat: 'system' };

/** Decides a town command on the stream's current state and appends the events, as a workflow would. */
async function act(
  store: EventStore,
  townId: string,
  command: TownCommand,
  now: string,
  actor: Actor,
): Promise<bigint> {
  const stream = townDecider.streamOf(townId);
  const history = await store.readStream(stream);
  const state = foldTown(history as unknown as TownEvent[], townDecider.initialState);
  const commandId = randomUUID();
  const events = townDecider.decide(command, state, { now, actor, policy, commandId });
  const ids = events.map(() => randomUUID());
  const result = await store.append(
    stream,
    envelope(events, { now, actor, policy, commandId, correlationId: commandId, ids }),
    history.length === 0 ? 'no_stream' : history.length - 1,
  );
  return result.positions[result.positions.length - 1] ?? 0n;
}

const apply = (
  townId: string,
  name: string,
  county: string,
  industry: string,
  kind = 'administrative-town',
) =>
  ({ type: 'ApplyForTown', data: { townId, batchId: '2017', name, county, kind, industry } }) as TownCommand;

describe('read models folded from the event store', () => {
  let store: EventStore;
  let models: ProgrammeReadModels;
  let projector: Projector;
  const masan = randomUUID();
  const fireworks = randomUUID();
  const platform = randomUUID();

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
    // Stored before the projector starts: it must catch up on them.
    await act(
      store,
      masan,
      apply(masan, '麻山汽车风情小镇', '芦溪县', 'leisure-tourism'),
      '2017-03-10T02:00:00Z',
      luxi,
    );
    await act(
      store,
      fireworks,
      apply(fireworks, '上栗花炮小镇', 'shangli', 'fireworks'),
      '2017-03-12T02:00:00Z',
      shangli,
    );
    await store.append(
      'audit-check-1',
      [
        {
          id: randomUUID(),
          type: 'SomethingElse',
          data: {},
          occurredAt: '2017-03-13T00:00:00.000Z',
          metadata: { actor: scheduler, causationId: 'c', correlationId: 'c' },
        },
      ],
      'no_stream',
    );
    models = new ProgrammeReadModels();
    projector = new Projector({
      store,
      apply: (event) => models.apply(event),
      retryDelayMs: { initial: 10, max: 50 },
    });
    projector.start();
  });

  afterAll(async () => {
    await projector.stop();
    await store.close();
  });

  it('catches up on stored events, then follows live ones; a reader can wait for a position', async () => {
    const [latest] = await store.readAll({}).then((events) => events.slice(-1));
    await expect(projector.waitFor(latest!.globalPosition, 5_000)).resolves.toBe(true);
    expect(
      models
        .towns()
        .map((town) => town.state.name)
        .sort(),
    ).toEqual(['上栗花炮小镇', '麻山汽车风情小镇']);

    const listedAt = '2017-04-30T08:00:00Z';
    const selection = (listed: boolean, weightedScore: number) => ({
      type: 'RecordSelection' as const,
      data: { batchId: '2017', listed, publishedAt: listedAt, weightedScore },
    });
    await act(
      store,
      platform,
      apply(platform, '安源创客平台', 'luxi', 'cultural-creativity', 'innovation-platform'),
      '2017-03-15T02:00:00Z',
      luxi,
    );
    await act(store, masan, selection(true, 88), listedAt, scheduler);
    await act(store, fireworks, selection(false, 61), listedAt, scheduler);
    await act(
      store,
      masan,
      { type: 'PayReward', data: { reward: 'listing', paymentRef: 'PX-2017-001' } },
      '2017-05-10T02:00:00Z',
      finance,
    );
    await act(
      store,
      masan,
      { type: 'SubmitPlan', data: { documents: { 'special-plan': 'doc-1', 'work-plan': 'doc-2' } } },
      '2017-06-01T02:00:00Z',
      luxi,
    );
    await act(store, masan, { type: 'ApprovePlan', data: {} }, '2017-06-10T02:00:00Z', office);
    await act(
      store,
      masan,
      { type: 'OpenYearlyReview', data: { year: 2017 } },
      '2017-12-01T00:00:00+08:00',
      scheduler,
    );
    await act(
      store,
      masan,
      {
        type: 'SubmitYearlyStatistics',
        data: {
          year: 2017,
          statistics: {},
          projectProgress: {
            projectsPlanned: 4,
            projectsCompleted: 3,
            investmentPlannedYuan: 9e7,
            investmentCompletedYuan: 6e7,
          },
        },
      },
      '2017-12-05T02:00:00Z',
      luxi,
    );
    const last = await act(
      store,
      masan,
      { type: 'RateTown', data: { year: 2017, score: 95, assessment: 'good' } },
      '2017-12-20T02:00:00Z',
      office,
    );

    await expect(projector.waitFor(last, 5_000)).resolves.toBe(true);
    expect(projector.checkpoint).toBe(last);
    const town = models.town(masan)!;
    expect(town.state).toMatchObject({
      status: 'cultivating',
      county: 'luxi',
      listedAt: '2017-04-30T08:00:00.000Z',
    });
    expect(town.state.ratingsByYear[2017]).toMatchObject({ rating: 'excellent', score: 95 });
    expect(town.countyNameZh).toBe('芦溪县');
    expect(town.policy).toEqual({ id: policy.id, version: policy.version });
    expect(town.lastPosition).toBe(last);
    expect(models.town(fireworks)!.state.status).toBe('not-listed');
  });

  it("reads a town page's latest steps from its stream, as far as its record is folded", async () => {
    const town = models.town(masan)!;
    const whole = await store.readStream(town.stream);
    const steps = await recentStepsOf(store, town);
    expect(steps.map((step) => step.globalPosition)).toEqual(
      whole.slice(-recentStepsShown).map((event) => event.globalPosition),
    );
    expect(steps.at(-1)).toMatchObject({
      type: 'TownRated',
      actor: office,
      globalPosition: town.lastPosition,
    });
    // A record folded one event less shows the steps up to that event, not one it does not count.
    const earlier = await recentStepsOf(store, { ...town, lastVersion: town.lastVersion - 1 });
    expect(earlier.map((step) => step.globalPosition)).toEqual(
      whole
        .slice(0, -1)
        .slice(-recentStepsShown)
        .map((event) => event.globalPosition),
    );
  });

  it('filters, sorts and pages the town list', () => {
    const query = (overrides: Partial<TownListQuery>) =>
      queryTowns(models.towns(), { sort: 'name', page: 1, pageSize: 20, ...overrides });
    const names = (overrides: Partial<TownListQuery>) =>
      query(overrides).items.map((town) => town.state.name);
    expect(names({ county: 'luxi', sort: 'appliedAt' })).toEqual(['麻山汽车风情小镇', '安源创客平台']);
    expect(names({ county: 'luxi', sort: '-appliedAt' })).toEqual(['安源创客平台', '麻山汽车风情小镇']);
    expect(names({ status: 'not-listed' })).toEqual(['上栗花炮小镇']);
    expect(names({ kind: 'innovation-platform' })).toEqual(['安源创客平台']);
    expect(names({ rating: 'excellent', year: 2017 })).toEqual(['麻山汽车风情小镇']);
    expect(names({ rating: 'excellent' })).toEqual(['麻山汽车风情小镇']);
    expect(names({ rating: 'qualified' })).toEqual([]);
    expect(names({ year: 2018 })).toEqual([]);
    expect(names({ batchId: '2018' })).toEqual([]);
    // Never listed: no listedAt, so last in both directions.
    expect(names({ sort: '-listedAt' })[0]).toBe('麻山汽车风情小镇');
    expect(names({ sort: 'listedAt' })[0]).toBe('麻山汽车风情小镇');
    const page2 = query({ sort: 'appliedAt', pageSize: 1, page: 2 });
    expect(page2.total).toBe(3);
    expect(page2.items.map((town) => town.state.name)).toEqual(['上栗花炮小镇']);
    expect(query({ page: 9 }).items).toEqual([]);
  });

  it('sums the programme: towns by status, quota use, funds, ratings by year', () => {
    const overview = programmeOverview(models.towns(), policy);
    expect(overview.towns).toBe(3);
    expect(overview.townsByStatus).toMatchObject({
      applied: 1,
      'not-listed': 1,
      cultivating: 1,
      planning: 0,
    });
    expect(overview.quotas.find((quota) => quota.county === 'luxi')).toEqual({
      county: 'luxi',
      nameZh: '芦溪县',
      nameEn: 'Luxi County',
      maxTowns: policy.quota.maxTownsPerCounty,
      applied: 1,
      listed: 1,
      exited: 0,
      // §I.2 limits the towns listed: the waiting application takes no place.
      used: 1,
      remaining: policy.quota.maxTownsPerCounty - 1,
    });
    expect(overview.quotas.find((quota) => quota.county === 'shangli')).toMatchObject({
      applied: 0,
      listed: 0,
      used: 0,
    });
    const rewardTotal = policy.rewards.reduce((sum, reward) => sum + reward.amountYuan, 0);
    const listing = policy.rewards.find((reward) => reward.code === 'listing')!.amountYuan;
    expect(overview.funds).toMatchObject({
      committedYuan: rewardTotal,
      paidYuan: listing,
      dueYuan: 0,
      forfeitedYuan: 0,
    });
    expect(overview.funds.byReward.find((row) => row.reward === 'listing')).toMatchObject({
      paidYuan: listing,
    });
    expect(overview.ratingsByYear).toEqual([
      { year: 2017, counts: { excellent: 1, qualified: 0, unqualified: 0 } },
    ]);
  });

  it('lists the deadlines that fall due in a window, soonest first, per county', () => {
    const all = upcomingDeadlines(models, { from: '2017-12-21T00:00:00Z', until: '2021-12-31T00:00:00Z' });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((deadline) => deadline.subjectId === masan && deadline.county === 'luxi')).toBe(true);
    expect([...all].sort((a, b) => a.dueAt.localeCompare(b.dueAt))).toEqual(all);
    expect(all.map((deadline) => deadline.name)).toContain('final-acceptance');
    expect(
      upcomingDeadlines(models, {
        from: '2017-12-21T00:00:00Z',
        until: '2021-12-31T00:00:00Z',
        county: 'shangli',
      }),
    ).toEqual([]);
    const soon = upcomingDeadlines(models, { from: '2017-12-21T00:00:00Z', until: '2018-01-01T00:00:00Z' });
    expect(soon.every((deadline) => deadline.dueAt <= '2018-01-01T00:00:00Z')).toBe(true);
  });

  it('answers false to a reader whose position does not come in time', async () => {
    await expect(projector.waitFor(projector.checkpoint + 1_000n, 20)).resolves.toBe(false);
  });
});

describe('the projector', () => {
  it('skips an event it cannot fold (and says so) instead of stalling every reader', async () => {
    const store = await createEventStore({ kind: 'pglite' });
    const errors: unknown[] = [];
    const folded: string[] = [];
    const projector = new Projector({
      store,
      apply: (event) => {
        if (event.type === 'Poison') throw new Error('cannot fold');
        folded.push(event.type);
      },
      onError: (error) => errors.push(error),
    });
    try {
      projector.start();
      const meta = { actor: scheduler, causationId: 'c', correlationId: 'c' };
      const event = (type: string) => ({
        id: randomUUID(),
        type,
        data: {},
        occurredAt: '2017-01-01T00:00:00.000Z',
        metadata: meta,
      });
      const { positions } = await store.append(
        's-1',
        [event('Good'), event('Poison'), event('AlsoGood')],
        'no_stream',
      );
      await expect(projector.waitFor(positions[2]!, 5_000)).resolves.toBe(true);
      expect(folded).toEqual(['Good', 'AlsoGood']);
      expect(errors).toHaveLength(1);
      expect(projector.status).toMatchObject({ skippedEvents: 1, running: true });
    } finally {
      await projector.stop();
      await store.close();
    }
  });

  it('keeps retrying a store that is down, and releases waiting readers when stopped', async () => {
    const store = await createEventStore({
      kind: 'postgres',
      url: 'postgres://towns:towns@127.0.0.1:1/towns',
    });
    const projector = new Projector({
      store,
      apply: () => undefined,
      retryDelayMs: { initial: 10, max: 20 },
    });
    try {
      projector.start();
      const waiting = projector.waitFor(1n, 60_000);
      const deadline = Date.now() + 5_000;
      while (projector.status.lastError === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(projector.status.lastError).toBeDefined();
      await projector.stop();
      await expect(waiting).resolves.toBe(false);
    } finally {
      await projector.stop();
      await store.close();
    }
  });
});

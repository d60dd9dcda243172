import { pingxiang2017, pingxiang2017FirstEdition, type PolicyPack } from '../../../domain/policy';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import type { TownEvent } from '../../../domain/town';
import { programmeOverview } from '../../../apps/api/read-models/programme-overview';
import { foldTownRecord, type TownRecord } from '../../../apps/api/read-models/town-record';
import { TownStory } from '../domain/town/town-story';
import { townDecider } from '../../../domain/town';

/** A town's record as the read side folds it from the town's events. */
function recordOf(townId: string, events: readonly TownEvent[]): TownRecord {
  let record: TownRecord | undefined;
  events.forEach((event, index) => {
    const recorded: RecordedEvent = {
      id: `${townId}-${index}`,
      type: event.type,
      data: event.data,
      occurredAt: '2019-01-01T00:00:00.000Z',
      recordedAt: '2019-01-01T00:00:00.000Z',
      stream: townDecider.streamOf(townId),
      streamVersion: index,
      globalPosition: BigInt(index + 1),
      metadata: { actor: { userId: 'u', seat: 'system' }, causationId: 'c', correlationId: 'c' },
    };
    record = foldTownRecord(record, recorded);
  });
  if (!record) throw new Error('no events');
  return record;
}

const recommend = (reviewYear: number) => ({
  type: 'RecordProvincialRecommendation' as const,
  data: { reviewYear, recommended: true, rank: 1 },
});
const answer = (reviewYear: number, listed: boolean) => ({
  type: 'RecordProvincialDecision' as const,
  data: { reviewYear, listed, reference: '赣特镇办〔2018〕1号' },
});

function records(policy: PolicyPack): TownRecord[] {
  const excellent = () => TownStory.cultivating(policy).rated(2017, 95);
  const listed = excellent()
    .do(recommend(2017), '2018-01-05T10:00:00+08:00', 'joint-meeting-secretary')
    .do(answer(2017, true), '2018-06-01T10:00:00+08:00', 'joint-meeting-office');
  const refused = excellent()
    .do(recommend(2017), '2018-01-05T10:00:00+08:00', 'joint-meeting-secretary')
    .do(answer(2017, false), '2018-06-01T10:00:00+08:00', 'joint-meeting-office');
  const waiting = excellent().do(recommend(2017), '2018-01-05T10:00:00+08:00', 'joint-meeting-secretary');
  const exited = TownStory.cultivating(policy).rated(2017, 40);
  const applying = new TownStory(policy).applied();
  return [
    recordOf('listed', listed.events),
    recordOf('refused', refused.events),
    recordOf('waiting', waiting.events),
    recordOf('exited', exited.events),
    recordOf('applying', applying.events),
  ];
}

describe('the programme overview', () => {
  it('shows the province’s list against the 3–5 target (§I.3), and what awaits its answer', () => {
    expect(programmeOverview(records(pingxiang2017), pingxiang2017).provincial).toEqual({
      recommended: 3,
      listedByProvince: 1,
      notListedByProvince: 1,
      awaitingAnswer: 1,
      target: { minTowns: 3, maxTowns: 5 },
      targetMet: false,
    });
  });

  it('counts the towns listed against a county’s quota, an exited town giving its place back', () => {
    // All five towns are Shangli's: four listed, one of them exited, one application waiting.
    const shangli = programmeOverview(records(pingxiang2017), pingxiang2017).quotas.find(
      (quota) => quota.county === 'shangli',
    );
    expect(shangli).toMatchObject({ applied: 1, listed: 4, exited: 1, used: 3, remaining: 0 });
    // The first edition counted the waiting application and kept the exited town's place.
    const firstEdition = programmeOverview(records(pingxiang2017FirstEdition), pingxiang2017FirstEdition);
    expect(firstEdition.quotas.find((quota) => quota.county === 'shangli')).toMatchObject({
      applied: 1,
      listed: 4,
      exited: 1,
      used: 5,
      remaining: 0,
    });
  });

  it('shows the projects, how fast their approvals went, money by source and level, and land granted', () => {
    const NOW = '2018-03-15T10:00:00+08:00';
    const county = (story: TownStory, command: Parameters<TownStory['do']>[0]) =>
      story.do(command, NOW, 'county-official', 'shangli');
    const office = (story: TownStory, command: Parameters<TownStory['do']>[0]) =>
      story.do(command, NOW, 'joint-meeting-office');
    const approval = (projectId: string, procedure: string, approvedOn: string, greenChannel: boolean) => ({
      type: 'RecordProjectApproval' as const,
      data: {
        projectId,
        procedure,
        appliedOn: '2018-01-01',
        approvedOn,
        greenChannel,
        fastTrack: [],
        reference: 'ref',
      },
    });
    let town = TownStory.cultivating().rated(2017, 90);
    town = county(town, {
      type: 'RegisterProject',
      data: { projectId: 'P-1', name: 'a', investmentPlannedYuan: 300 },
    });
    town = county(town, {
      type: 'RegisterProject',
      data: { projectId: 'P-2', name: 'b', investmentPlannedYuan: 200 },
    });
    town = county(town, {
      type: 'RecordProjectProgress',
      data: { projectId: 'P-1', investmentCompletedYuan: 250, completed: true },
    });
    town = office(town, { type: 'ScheduleKeyProject', data: { projectId: 'P-1', reference: 'key' } });
    town = office(town, approval('P-1', 'project-initiation', '2018-01-05', true));
    town = office(town, approval('P-1', 'land-use', '2018-01-11', true));
    town = office(town, approval('P-2', 'project-initiation', '2018-02-10', false));
    town = county(town, {
      type: 'RecordFunding',
      data: { year: 2017, source: 'county', amountYuan: 2_000_000, reference: 'r' },
    });
    town = county(town, {
      type: 'RecordFunding',
      data: { year: 2018, source: 'township', amountYuan: 500_000, reference: 'r' },
    });
    town = town.do(
      {
        type: 'RecordFunding',
        data: { year: 2018, source: 'city-sponge-fund', amountYuan: 10_000_000, reference: 'r' },
      },
      NOW,
      'finance-bureau',
    );
    town = town.do(
      { type: 'GrantLandSupport', data: { year: 2018, areaMu: 85.5, reference: 'land' } },
      NOW,
      'land-resources-bureau',
    );
    const overview = programmeOverview([recordOf('t', town.events)], pingxiang2017);
    expect(overview.projects).toEqual({
      projects: 2,
      completed: 1,
      inKeyProjectSchedule: 1,
      investmentPlannedYuan: 500,
      investmentCompletedYuan: 250,
      approvals: {
        greenChannel: { approvals: 2, medianDays: 7, maxDays: 10 },
        other: { approvals: 1, medianDays: 40, maxDays: 40 },
      },
    });
    expect(overview.funding).toEqual({
      bySource: [
        { source: 'county', level: 'county', amountYuan: 2_000_000 },
        { source: 'township', level: 'township', amountYuan: 500_000 },
        { source: 'city-sponge-fund', level: 'city', amountYuan: 10_000_000 },
        { source: 'city-special-funds', level: 'city', amountYuan: 0 },
      ],
      byLevel: { county: 2_000_000, township: 500_000, city: 10_000_000 },
      cityRewardsPaidYuan: 0,
      cityFunds: [
        {
          fund: 'sponge-towns',
          budgetYuan: 100_000_000,
          recordedYuan: 10_000_000,
          remainingYuan: 90_000_000,
        },
      ],
    });
    expect(overview.land).toEqual({
      grants: 1,
      areaMu: 85.5,
      byYear: [{ year: 2018, grants: 1, areaMu: 85.5 }],
    });
  });
});

import { pingxiang2017 } from '../../../../domain/policy';
import {
  allowedTownCommands,
  initialTownState,
  townCommandSeats,
  townCommandTypes,
} from '../../../../domain/town';
import { seats } from '../../../../domain/shared/seats';
import { PLAN_DUE_2017, TownStory } from './town-story';

const allowed = (story: TownStory, now: string) =>
  allowedTownCommands(story.state, { now, policy: pingxiang2017 });

describe('allowedTownCommands: next steps per seat', () => {
  it('a town not yet applied: the county may apply while a window is open, and no one else may act', () => {
    const result = allowedTownCommands(initialTownState, {
      now: '2017-03-10T10:00:00+08:00',
      policy: pingxiang2017,
    });
    expect(result['county-official']).toEqual(['ApplyForTown']);
    expect(
      Object.entries(result)
        .filter(([seat]) => seat !== 'county-official')
        .every(([, types]) => types.length === 0),
    ).toBe(true);
    expect(
      allowedTownCommands(initialTownState, { now: '2017-04-10T10:00:00+08:00', policy: pingxiang2017 })[
        'county-official'
      ],
    ).toEqual([]);
  });

  it('a listed town: finance pays, the county plans, the office may extend; at the deadline the system marks it overdue', () => {
    const listed = new TownStory().applied().listed();
    const before = allowed(listed, '2017-06-01T10:00:00+08:00');
    // Besides the lifecycle's steps: the county registers projects and records its money, finance the city's.
    expect(before['finance-bureau']).toEqual(['PayReward', 'RecordFunding']);
    expect(before['county-official']).toEqual(['SubmitPlan', 'RegisterProject', 'RecordFunding']);
    expect(before['joint-meeting-office']).toEqual(['GrantPlanExtension', 'RecordProgressCheck']);
    expect(before.system).toEqual([]);
    expect(before.auditor).toEqual([]);
    expect(allowed(listed, PLAN_DUE_2017).system).toEqual(['MarkPlanOverdue']);
  });

  it('during a yearly review: the county reports, the office extends; after the due date the system rates', () => {
    const opened = TownStory.cultivating().reviewOpened(2017);
    const during = allowed(opened, '2017-12-05T10:00:00+08:00');
    expect(during['county-official']).toEqual(['SubmitYearlyStatistics', 'RegisterProject', 'RecordFunding']);
    expect(during['joint-meeting-office']).toEqual(['GrantStatisticsExtension', 'RecordProgressCheck']);
    expect(allowed(opened, '2017-12-16T00:00:00+08:00').system).toEqual(['RateMissingStatisticsUnqualified']);
    const submitted = TownStory.cultivating().reviewOpened(2017).statisticsSubmitted(2017);
    expect(allowed(submitted, '2017-12-16T10:00:00+08:00')['joint-meeting-office']).toContain('RateTown');
  });

  it('after an excellent rating: land resources grants, the joint meeting may recommend', () => {
    const excellent = TownStory.cultivating().rated(2017, 90);
    const result = allowed(excellent, '2018-01-05T10:00:00+08:00');
    expect(result['land-resources-bureau']).toEqual(['GrantLandSupport']);
    expect(result['joint-meeting-secretary']).toEqual(['RecordProvincialRecommendation']);
  });

  it('can answer for one seat only', () => {
    const listed = new TownStory().applied().listed();
    const result = allowedTownCommands(listed.state, {
      now: '2017-06-01T10:00:00+08:00',
      policy: pingxiang2017,
      seat: 'county-official',
    });
    expect(result['county-official']).toEqual(['SubmitPlan', 'RegisterProject', 'RecordFunding']);
    expect(result['finance-bureau']).toEqual([]);
  });

  it('every command has at least one seat, and auditors and administrators have none', () => {
    for (const type of townCommandTypes) expect(townCommandSeats[type].length).toBeGreaterThan(0);
    const used = new Set(Object.values(townCommandSeats).flat());
    expect(seats.filter((seat) => !used.has(seat))).toEqual(['auditor', 'administrator']);
  });
});

describe('pending deadlines', () => {
  it('are computed from the pack at listing and re-armed as the town moves on', () => {
    const cultivating = TownStory.cultivating();
    expect(cultivating.state.deadlines.map((deadline) => [deadline.name, deadline.dueAt])).toEqual([
      ['yearly-review-opens:2017', '2017-11-30T16:00:00.000Z'],
      ['yearly-review-opens:2018', '2018-11-30T16:00:00.000Z'],
      ['progress-check', '2019-04-28T15:59:59.999Z'],
      ['yearly-review-opens:2019', '2019-11-30T16:00:00.000Z'],
      ['final-acceptance', '2020-11-30T16:00:00.000Z'],
    ]);
    const opened = TownStory.cultivating().reviewOpened(2017);
    expect(opened.state.deadlines[0]).toEqual({
      name: 'yearly-statistics:2017',
      dueAt: '2017-12-15T15:59:59.999Z',
      command: { type: 'RateMissingStatisticsUnqualified', data: { year: 2017 } },
    });
  });
});

import {
  definePolicyPack,
  pingxiang2017,
  pingxiang2017Content,
  pingxiang2017FirstEdition,
} from '../../../../domain/policy';
import { allowedTownCommands, townDecider } from '../../../../domain/town';
import { contextFor, containing, underPingxiang } from '../../../helpers/given-when-then';
import { COUNTY, progress, TownStory } from './town-story';

const { given, at } = underPingxiang(townDecider);
const office = (now: string) => at(now, 'joint-meeting-office');
const system = (now: string) => at(now, 'system');
const county = (now: string) => at(now, 'county-official', { county: COUNTY });
/** §III.4: land granted with its area (亩) and the land bureau's document, as the Pingxiang pack records it. */
const grant = (year: number) => ({
  type: 'GrantLandSupport' as const,
  data: { year, areaMu: 120, reference: `萍国土资字〔${year}〕8号` },
});
const statistics = (year: number) => ({
  type: 'SubmitYearlyStatistics' as const,
  data: { year, statistics: { output: 1000 }, projectProgress: progress },
});

describe('OpenYearlyReview (§IV.3, fired on 1 December)', () => {
  const cultivating = TownStory.cultivating();

  it('opens the year’s review with the statistics due date', () => {
    given(...cultivating.events)
      .when({ type: 'OpenYearlyReview', data: { year: 2017 } }, system('2017-12-01T00:00:00+08:00'))
      .then([
        { type: 'YearlyReviewOpened', data: { year: 2017, statisticsDueAt: '2017-12-15T15:59:59.999Z' } },
      ]);
  });

  it('is idempotent, refuses early firing and years outside the schedule', () => {
    const opened = TownStory.cultivating().reviewOpened(2017);
    given(...opened.events)
      .when({ type: 'OpenYearlyReview', data: { year: 2017 } }, system('2017-12-01T00:01:00+08:00'))
      .thenNothing();
    given(...cultivating.events)
      .when({ type: 'OpenYearlyReview', data: { year: 2017 } }, system('2017-11-30T23:59:59.999+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...cultivating.events)
      .when({ type: 'OpenYearlyReview', data: { year: 2020 } }, system('2020-12-01T00:00:00+08:00'))
      .thenRefused('REVIEW_YEAR_NOT_SCHEDULED', { year: 2020 });
  });
});

describe('SubmitYearlyStatistics', () => {
  const opened = TownStory.cultivating().reviewOpened(2017);

  it('takes the year’s statistics and project progress until the due date', () => {
    given(...opened.events)
      .when(statistics(2017), county('2017-12-15T23:59:59.999+08:00'))
      .then([
        {
          type: 'YearlyStatisticsSubmitted',
          data: { year: 2017, statistics: { output: 1000 }, projectProgress: progress },
        },
      ]);
  });

  it('refuses them late, twice, before the review opens, negative, or from another county', () => {
    given(...opened.events)
      .when(statistics(2017), county('2017-12-16T00:00:00+08:00'))
      .thenRefused('STATISTICS_DEADLINE_PASSED', { year: 2017, dueAt: '2017-12-15T15:59:59.999Z' });
    given(...opened.statisticsSubmitted(2017).events)
      .when(statistics(2017), county('2017-12-12T10:00:00+08:00'))
      .thenRefused('STATISTICS_ALREADY_SUBMITTED');
    given(...TownStory.cultivating().events)
      .when(statistics(2017), county('2017-11-20T10:00:00+08:00'))
      .thenRefused('REVIEW_NOT_OPEN');
    given(...TownStory.cultivating().reviewOpened(2017).events)
      .when(
        { ...statistics(2017), data: { ...statistics(2017).data, statistics: { output: -1 } } },
        county('2017-12-10T10:00:00+08:00'),
      )
      .thenRefused('STATISTICS_INVALID', { field: 'output' });
    given(...TownStory.cultivating().reviewOpened(2017).events)
      .when(statistics(2017), at('2017-12-10T10:00:00+08:00', 'county-official', { county: 'lianhua' }))
      .thenRefused('ACTOR_COUNTY_MISMATCH');
  });
});

describe('RateTown: the score decides the rating through the pack’s bands, the rating its effects', () => {
  const submitted = TownStory.cultivating().reviewOpened(2017).statisticsSubmitted(2017);
  const rate = (score: number) => ({
    type: 'RateTown' as const,
    data: { year: 2017, score, assessment: 'site visit' },
  });

  it('excellent: land support for the next year and a provincial candidate', () => {
    const when = given(...submitted.events).when(rate(91), office('2017-12-20T10:00:00+08:00'));
    when.then([
      {
        type: 'TownRated',
        data: {
          year: 2017,
          rating: 'excellent',
          score: 91,
          basis: 'assessment',
          assessment: 'site visit',
          landSupportYear: 2018,
          provincialCandidate: true,
          consequence: 'continue',
        },
      },
    ]);
    expect(when.stateAfter.ratingsByYear[2017]).toEqual({
      rating: 'excellent',
      score: 91,
      basis: 'assessment',
      provincialCandidate: true,
    });
    expect(when.stateAfter.landSupport.entitledYears).toEqual([2018]);
  });

  it('qualified: land support, no provincial candidacy', () => {
    given(...submitted.events)
      .when(rate(70), office('2017-12-20T10:00:00+08:00'))
      .thenMatches([
        {
          type: 'TownRated',
          data: containing({
            rating: 'qualified',
            landSupportYear: 2018,
            provincialCandidate: false,
          }),
        },
      ]);
  });

  it('the year land support is for is a marked default of the pack: the rated year, where a pack says so', () => {
    const sameYear = definePolicyPack({
      ...pingxiang2017Content,
      id: 'land-support-same-year',
      yearlyReview: { ...pingxiang2017Content.yearlyReview, landSupportYearOffset: 0 },
    });
    const story = new TownStory(sameYear)
      .applied()
      .listed()
      .planApproved()
      .reviewOpened(2017)
      .statisticsSubmitted(2017);
    given(...story.events)
      .when(rate(70), contextFor(sameYear)('2017-12-20T10:00:00+08:00', 'joint-meeting-office'))
      .thenMatches([{ type: 'TownRated', data: containing({ rating: 'qualified', landSupportYear: 2017 }) }]);
  });

  it('unqualified: exit, support ends on 1 January of the next year, the unearned reward is forfeited', () => {
    const when = given(...submitted.events).when(rate(40), office('2017-12-20T10:00:00+08:00'));
    when.then([
      {
        type: 'TownRated',
        data: {
          year: 2017,
          rating: 'unqualified',
          score: 40,
          basis: 'assessment',
          assessment: 'site visit',
          landSupportYear: null,
          provincialCandidate: false,
          consequence: 'exit',
        },
      },
      {
        type: 'TownExited',
        data: {
          reason: 'rating',
          year: 2017,
          exitedAt: '2017-12-20T02:00:00.000Z',
          supportEndsAt: '2017-12-31T16:00:00.000Z',
        },
      },
      { type: 'RewardForfeited', data: { reward: 'progress', amountYuan: 1_000_000, reason: 'town-exited' } },
    ]);
    expect(when.stateAfter.status).toBe('exited');
    expect(when.stateAfter.deadlines).toEqual([
      {
        name: 'support-ends',
        dueAt: '2017-12-31T16:00:00.000Z',
        command: { type: 'EndTownSupport', data: {} },
      },
    ]);
  });

  it('refuses a rating without statistics, a second rating, and scores outside 0..100', () => {
    given(...TownStory.cultivating().reviewOpened(2017).events)
      .when(rate(80), office('2017-12-20T10:00:00+08:00'))
      .thenRefused('STATISTICS_MISSING');
    given(...TownStory.cultivating().rated(2017, 80).events)
      .when(rate(80), office('2017-12-21T10:00:00+08:00'))
      .thenRefused('REVIEW_ALREADY_RATED');
    given(...submitted.events)
      .when(rate(101), office('2017-12-20T10:00:00+08:00'))
      .thenRefused('SCORE_INVALID');
    given(...TownStory.cultivating().events)
      .when(rate(80), office('2017-11-20T10:00:00+08:00'))
      .thenRefused('REVIEW_NOT_OPEN');
    given(...submitted.events)
      .when(rate(80), county('2017-12-20T10:00:00+08:00'))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('an unqualified town gets nothing more', () => {
  // Excellent in 2017 (land support 2018), unqualified in 2018.
  const exited = TownStory.cultivating()
    .do(
      { type: 'PayReward', data: { reward: 'listing', paymentRef: 'PX-1' } },
      '2017-08-01T10:00:00+08:00',
      'finance-bureau',
    )
    .rated(2017, 90)
    .do(grant(2018), '2018-01-05T10:00:00+08:00', 'land-resources-bureau')
    .rated(2018, 30);

  it('has no further review', () => {
    given(...exited.events)
      .when({ type: 'OpenYearlyReview', data: { year: 2019 } }, system('2019-12-01T00:00:00+08:00'))
      .thenRefused('TOWN_EXITED', { supportEndsAt: '2018-12-31T16:00:00.000Z' });
    expect(exited.state.deadlines.map((deadline) => deadline.name)).toEqual(['support-ends']);
  });

  it('gets no further reward: the progress reward is forfeited and cannot be earned', () => {
    expect(exited.state.rewards.find((reward) => reward.reward === 'progress')?.status).toBe('forfeited');
    given(...exited.events)
      .when(
        { type: 'RecordProgressCheck', data: { passed: true, findings: 'on schedule' } },
        office('2019-03-01T10:00:00+08:00'),
      )
      .thenRefused('TOWN_EXITED');
    given(...exited.events)
      .when(
        { type: 'PayReward', data: { reward: 'progress', paymentRef: 'x' } },
        at('2018-12-28T10:00:00+08:00', 'finance-bureau'),
      )
      .thenRefused('REWARD_NOT_DUE', { status: 'forfeited' });
  });

  it('keeps the land support it had for 2018 and loses it from 1 January 2019', () => {
    expect(exited.state.landSupport).toEqual({
      entitledYears: [2018],
      grantedYears: [2018],
      grants: [{ year: 2018, areaMu: 120 }],
    });
    const ended = given(...exited.events).when(
      { type: 'EndTownSupport', data: {} },
      system('2019-01-01T00:00:00+08:00'),
    );
    ended.then([
      {
        type: 'TownSupportEnded',
        data: { supportEndsAt: '2018-12-31T16:00:00.000Z', landSupportYears: [2018] },
      },
    ]);
    expect(ended.stateAfter.deadlines).toEqual([]);
    expect(ended.stateAfter.rewards.map((reward) => [reward.reward, reward.status])).toEqual([
      ['listing', 'paid'],
      ['progress', 'forfeited'],
    ]);
    given(...exited.events)
      .when({ type: 'EndTownSupport', data: {} }, system('2018-12-31T23:59:59.999+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...exited.events, ...ended.events)
      .when({ type: 'EndTownSupport', data: {} }, system('2019-01-02T00:00:00+08:00'))
      .thenNothing();
    given(...exited.events)
      .when(grant(2019), at('2018-12-25T10:00:00+08:00', 'land-resources-bureau'))
      .thenRefused('LAND_SUPPORT_NOT_ENTITLED', { year: 2019 });
  });

  it('offers its seats nothing but the end of support', () => {
    const allowed = allowedTownCommands(exited.state, {
      now: '2019-01-01T00:00:00+08:00',
      policy: pingxiang2017,
    });
    expect(allowed.system).toEqual(['EndTownSupport']);
    expect(allowed['county-official']).toEqual([]);
    expect(allowed['joint-meeting-office']).toEqual([]);
  });

  it('forfeits at the end of support a reward that was due but never paid', () => {
    const unpaid = TownStory.cultivating().rated(2017, 20);
    given(...unpaid.events)
      .when({ type: 'EndTownSupport', data: {} }, system('2018-01-01T00:00:00+08:00'))
      .then([
        {
          type: 'TownSupportEnded',
          data: { supportEndsAt: '2017-12-31T16:00:00.000Z', landSupportYears: [] },
        },
        {
          type: 'RewardForfeited',
          data: { reward: 'listing', amountYuan: 1_000_000, reason: 'support-ended' },
        },
      ]);
    given(...unpaid.events)
      .when(
        { type: 'PayReward', data: { reward: 'listing', paymentRef: 'late' } },
        at('2018-01-02T10:00:00+08:00', 'finance-bureau'),
      )
      .thenRefused('SUPPORT_ENDED');
  });

  it('refuses EndTownSupport for a town that has not exited', () => {
    given(...TownStory.cultivating().events)
      .when({ type: 'EndTownSupport', data: {} }, system('2018-01-01T00:00:00+08:00'))
      .thenRefused('TOWN_NOT_ACTIVE');
  });
});

describe('missing statistics (silent in the document: unqualified unless extended)', () => {
  const opened = TownStory.cultivating().reviewOpened(2018);
  const fire = { type: 'RateMissingStatisticsUnqualified' as const, data: { year: 2018 } };

  it('rates a town without statistics unqualified when the due date passes, which exits it', () => {
    given(...opened.events)
      .when(fire, system('2018-12-15T23:59:59.999+08:00'))
      .thenMatches([
        {
          type: 'TownRated',
          data: containing({
            year: 2018,
            rating: 'unqualified',
            score: null,
            basis: 'missing-statistics',
          }),
        },
        { type: 'TownExited', data: containing({ supportEndsAt: '2018-12-31T16:00:00.000Z' }) },
        { type: 'RewardForfeited' },
      ]);
  });

  it('an extension granted by the office moves the due date by the pack’s days, once', () => {
    const when = given(...opened.events).when(
      { type: 'GrantStatisticsExtension', data: { year: 2018 } },
      office('2018-12-14T10:00:00+08:00'),
    );
    when.then([
      {
        type: 'StatisticsDeadlineExtended',
        data: {
          year: 2018,
          previousDueAt: '2018-12-15T15:59:59.999Z',
          statisticsDueAt: '2018-12-25T15:59:59.999Z',
        },
      },
    ]);
    const extended = [...opened.events, ...when.events];
    given(...extended)
      .when(fire, system('2018-12-15T23:59:59.999+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...extended)
      .when(statistics(2018), county('2018-12-20T10:00:00+08:00'))
      .thenMatches([{ type: 'YearlyStatisticsSubmitted' }]);
    given(...extended)
      .when({ type: 'GrantStatisticsExtension', data: { year: 2018 } }, office('2018-12-20T10:00:00+08:00'))
      .thenRefused('EXTENSION_NOT_ALLOWED');
    expect(
      when.stateAfter.deadlines.find((deadline) => deadline.name === 'yearly-statistics:2018')?.dueAt,
    ).toBe('2018-12-25T15:59:59.999Z');
  });

  it('does nothing once the statistics are in, and refuses before the review opens', () => {
    given(...opened.statisticsSubmitted(2018).events)
      .when(fire, system('2018-12-16T00:00:00+08:00'))
      .thenNothing();
    given(...TownStory.cultivating().events)
      .when(fire, system('2018-12-16T00:00:00+08:00'))
      .thenRefused('REVIEW_NOT_OPEN');
  });
});

describe('GrantLandSupport (land resources bureau)', () => {
  const excellent = TownStory.cultivating().rated(2017, 88);
  const bureau = at('2018-01-10T10:00:00+08:00', 'land-resources-bureau');

  it('grants the year the rating entitles, once, recording the area granted (§III.4)', () => {
    const when = given(...excellent.events).when(grant(2018), bureau);
    when.then([
      { type: 'LandSupportGranted', data: { year: 2018, areaMu: 120, reference: '萍国土资字〔2018〕8号' } },
    ]);
    expect(when.stateAfter.landSupport.grants).toEqual([{ year: 2018, areaMu: 120 }]);
    given(...excellent.events, ...when.events)
      .when(grant(2018), bureau)
      .thenRefused('LAND_SUPPORT_ALREADY_GRANTED');
  });

  it('refuses a grant without its area or document; the first edition recorded the year alone', () => {
    given(...excellent.events)
      .when({ type: 'GrantLandSupport', data: { year: 2018 } }, bureau)
      .thenRefused('LAND_AREA_REQUIRED', { field: 'areaMu' });
    given(...excellent.events)
      .when({ type: 'GrantLandSupport', data: { year: 2018, areaMu: 120 } }, bureau)
      .thenRefused('LAND_AREA_REQUIRED', { field: 'reference' });
    const firstEdition = TownStory.cultivating(pingxiang2017FirstEdition).rated(2017, 88);
    given(...firstEdition.events)
      .when(
        { type: 'GrantLandSupport', data: { year: 2018 } },
        contextFor(pingxiang2017FirstEdition)('2018-01-10T10:00:00+08:00', 'land-resources-bureau'),
      )
      .then([{ type: 'LandSupportGranted', data: { year: 2018 } }]);
  });

  it('refuses a year not earned, an unlisted town, and another seat', () => {
    given(...excellent.events)
      .when(grant(2019), bureau)
      .thenRefused('LAND_SUPPORT_NOT_ENTITLED');
    given(...new TownStory().applied().events)
      .when(grant(2018), bureau)
      .thenRefused('TOWN_NOT_LISTED');
    given(...excellent.events)
      .when(grant(2018), at('2018-01-10T10:00:00+08:00', 'finance-bureau'))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

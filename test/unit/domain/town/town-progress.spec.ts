import { townDecider } from '../../../../domain/town';
import { pingxiang2017FirstEdition } from '../../../../domain/policy';
import { contextFor, containing, underPingxiang } from '../../../helpers/given-when-then';
import { TownStory } from './town-story';

const { given, at } = underPingxiang(townDecider);
const office = (now: string) => at(now, 'joint-meeting-office');
const system = (now: string) => at(now, 'system');
const DUE = '2019-04-28T15:59:59.999Z';
const check = (passed: boolean) => ({
  type: 'RecordProgressCheck' as const,
  data: { passed, findings: 'site visit' },
});

describe('the two-year progress check and the second reward (§III.5)', () => {
  const cultivating = TownStory.cultivating().rated(2017, 80).rated(2018, 75);

  it('is due two years after the list was published', () => {
    expect(cultivating.state.progressCheck).toEqual({ dueAt: DUE, status: 'pending', failedAttempts: 0 });
    expect(cultivating.state.deadlines.find((deadline) => deadline.name === 'progress-check')?.dueAt).toBe(
      DUE,
    );
  });

  it('passing makes the second ¥1,000,000 due, which finance then pays', () => {
    const passed = given(...cultivating.events).when(check(true), office('2019-04-10T10:00:00+08:00'));
    passed.then([
      { type: 'ProgressCheckPassed', data: { findings: 'site visit' } },
      { type: 'RewardDue', data: { reward: 'progress', amountYuan: 1_000_000 } },
    ]);
    given(...cultivating.events, ...passed.events)
      .when(
        { type: 'PayReward', data: { reward: 'progress', paymentRef: 'PX-2019-7' } },
        at('2019-05-01T10:00:00+08:00', 'finance-bureau'),
      )
      .then([
        { type: 'RewardPaid', data: { reward: 'progress', amountYuan: 1_000_000, paymentRef: 'PX-2019-7' } },
      ]);
    given(...cultivating.events, ...passed.events)
      .when(check(true), office('2019-04-11T10:00:00+08:00'))
      .thenRefused('PROGRESS_CHECK_CLOSED');
  });

  it('a failed check may be taken again within the two years ("两年内…经考核合格")', () => {
    const failed = given(...cultivating.events).when(check(false), office('2018-10-10T10:00:00+08:00'));
    failed.then([
      {
        type: 'ProgressCheckFailed',
        data: { findings: 'site visit', reason: 'assessment', retakeUntil: DUE },
      },
    ]);
    expect(failed.stateAfter.progressCheck).toEqual({ dueAt: DUE, status: 'pending', failedAttempts: 1 });
    expect(failed.stateAfter.rewards.find((reward) => reward.reward === 'progress')?.status).toBe('pending');
    given(...cultivating.events, ...failed.events)
      .when(check(true), office('2019-04-10T10:00:00+08:00'))
      .thenMatches([
        { type: 'ProgressCheckPassed' },
        { type: 'RewardDue', data: containing({ reward: 'progress' }) },
      ]);
    // Past the two years, only the scheduler's expiry concludes the check; a failure then is "failed".
    given(...cultivating.events, ...failed.events)
      .when(check(true), office('2019-04-29T00:00:00+08:00'))
      .thenRefused('PROGRESS_CHECK_DEADLINE_PASSED', { dueAt: DUE });
    given(...cultivating.events, ...failed.events)
      .when({ type: 'ExpireProgressCheck', data: {} }, system(DUE))
      .thenMatches([
        { type: 'ProgressCheckFailed', data: containing({ reason: 'not-checked-in-time' }) },
        { type: 'RewardNotEarned', data: containing({ reason: 'progress-check-failed' }) },
      ]);
  });

  it('under the first edition, one failed check means the reward is not earned', () => {
    const firstEdition = TownStory.cultivating(pingxiang2017FirstEdition).rated(2017, 80).rated(2018, 75);
    given(...firstEdition.events)
      .when(
        check(false),
        contextFor(pingxiang2017FirstEdition)('2019-04-10T10:00:00+08:00', 'joint-meeting-office'),
      )
      .then([
        { type: 'ProgressCheckFailed', data: { findings: 'site visit', reason: 'assessment' } },
        {
          type: 'RewardNotEarned',
          data: { reward: 'progress', amountYuan: 1_000_000, reason: 'progress-check-failed' },
        },
      ]);
  });

  it('no pass by the due date: the reward is not earned', () => {
    given(...cultivating.events)
      .when({ type: 'ExpireProgressCheck', data: {} }, system(DUE))
      .thenMatches([
        { type: 'ProgressCheckFailed', data: containing({ reason: 'not-checked-in-time' }) },
        { type: 'RewardNotEarned', data: containing({ reason: 'progress-check-not-held' }) },
      ]);
    given(...cultivating.events)
      .when({ type: 'ExpireProgressCheck', data: {} }, system('2019-04-28T23:59:59.998+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    const passed = TownStory.cultivating().do(
      check(true),
      '2019-01-10T10:00:00+08:00',
      'joint-meeting-office',
    );
    given(...passed.events)
      .when({ type: 'ExpireProgressCheck', data: {} }, system(DUE))
      .thenNothing();
  });

  it('asks only for the schedule met, not for an approved plan besides; the first edition asked for both', () => {
    const planning = new TownStory().applied().listed();
    given(...planning.events)
      .when(check(true), office('2019-04-10T10:00:00+08:00'))
      .thenMatches([{ type: 'ProgressCheckPassed' }, { type: 'RewardDue' }]);
    const firstEdition = new TownStory(pingxiang2017FirstEdition).applied().listed();
    given(...firstEdition.events)
      .when(
        check(true),
        contextFor(pingxiang2017FirstEdition)('2019-04-10T10:00:00+08:00', 'joint-meeting-office'),
      )
      .thenRefused('PLAN_NOT_APPROVED');
  });

  it('an exit before the check forfeits the second reward', () => {
    const exited = TownStory.cultivating().rated(2017, 45);
    expect(exited.state.rewards.find((reward) => reward.reward === 'progress')).toMatchObject({
      status: 'forfeited',
    });
    expect(exited.events).toContainEqual({
      type: 'RewardForfeited',
      data: { reward: 'progress', amountYuan: 1_000_000, reason: 'town-exited' },
    });
    expect(exited.state.progressCheck.status).toBe('cancelled');
    given(...exited.events)
      .when(check(true), office('2018-06-01T10:00:00+08:00'))
      .thenRefused('TOWN_EXITED');
  });

  it('an exit after the reward was paid takes nothing back', () => {
    const paidThenExited = TownStory.cultivating()
      .do(check(true), '2018-10-01T10:00:00+08:00', 'joint-meeting-office')
      .do(
        { type: 'PayReward', data: { reward: 'progress', paymentRef: 'P2' } },
        '2018-10-10T10:00:00+08:00',
        'finance-bureau',
      )
      .rated(2018, 10);
    expect(paidThenExited.state.rewards.find((reward) => reward.reward === 'progress')?.status).toBe('paid');
    // Nothing was pending at the exit: the paid reward stays paid, the due one stays payable until 1 January.
    expect(paidThenExited.events.filter((event) => event.type === 'RewardForfeited')).toEqual([]);
    expect(paidThenExited.state.rewards.find((reward) => reward.reward === 'listing')?.status).toBe('due');
  });
});

describe('RecordProvincialRecommendation (the programme’s round, as it concerns one town)', () => {
  const excellent = TownStory.cultivating().rated(2017, 95);
  const secretary = at('2018-01-05T10:00:00+08:00', 'joint-meeting-secretary');

  it('records an excellent town as recommended, once', () => {
    const when = given(...excellent.events).when(
      { type: 'RecordProvincialRecommendation', data: { reviewYear: 2017, recommended: true, rank: 2 } },
      secretary,
    );
    when.then([{ type: 'TownRecommendedToProvince', data: { reviewYear: 2017, rank: 2 } }]);
    expect(when.stateAfter.provincial).toEqual({
      recommendedInYear: 2017,
      rank: 2,
      decidedYears: [2017],
      recommendedYears: [2017],
      decisions: [],
    });
    given(...excellent.events, ...when.events)
      .when(
        { type: 'RecordProvincialRecommendation', data: { reviewYear: 2017, recommended: true, rank: 2 } },
        secretary,
      )
      .thenRefused('RECOMMENDATION_ROUND_DONE');
  });

  it('records a candidate not taken, with the reason in its own history', () => {
    given(...excellent.events)
      .when(
        {
          type: 'RecordProvincialRecommendation',
          data: { reviewYear: 2017, recommended: false, rank: null, reason: 'over-maximum' },
        },
        secretary,
      )
      .then([{ type: 'TownNotRecommendedToProvince', data: { reviewYear: 2017, reason: 'over-maximum' } }]);
    // A round relayed before reasons were: the event says as much as the command did.
    given(...excellent.events)
      .when(
        {
          type: 'RecordProvincialRecommendation',
          data: { reviewYear: 2017, recommended: false, rank: null },
        },
        secretary,
      )
      .then([{ type: 'TownNotRecommendedToProvince', data: { reviewYear: 2017 } }]);
  });

  it('recommends a town again after another excellent year until the province lists it', () => {
    const recommend = (reviewYear: number) => ({
      type: 'RecordProvincialRecommendation' as const,
      data: { reviewYear, recommended: true, rank: 1 },
    });
    const twice = TownStory.cultivating()
      .rated(2017, 95)
      .do(recommend(2017), '2018-01-05T10:00:00+08:00', 'joint-meeting-secretary')
      .rated(2018, 96);
    const again = given(...twice.events).when(
      recommend(2018),
      at('2019-01-05T10:00:00+08:00', 'joint-meeting-secretary'),
    );
    again.then([{ type: 'TownRecommendedToProvince', data: { reviewYear: 2018, rank: 1 } }]);
    expect(again.stateAfter.provincial).toMatchObject({
      recommendedInYear: 2017,
      recommendedYears: [2017, 2018],
    });
    const listed = TownStory.cultivating()
      .rated(2017, 95)
      .do(recommend(2017), '2018-01-05T10:00:00+08:00', 'joint-meeting-secretary')
      .do(
        {
          type: 'RecordProvincialDecision',
          data: { reviewYear: 2017, listed: true, reference: '赣建村〔2018〕1号' },
        },
        '2018-06-01T10:00:00+08:00',
        'joint-meeting-office',
      )
      .rated(2018, 96);
    given(...listed.events)
      .when(recommend(2018), at('2019-01-05T10:00:00+08:00', 'joint-meeting-secretary'))
      .thenRefused('LISTED_BY_PROVINCE');
  });

  it('under the first edition, refuses to recommend a town whose rating does not qualify, or one already recommended', () => {
    const qualified = TownStory.cultivating().rated(2017, 70);
    given(...qualified.events)
      .when(
        { type: 'RecordProvincialRecommendation', data: { reviewYear: 2017, recommended: true, rank: 1 } },
        secretary,
      )
      .thenRefused('NOT_A_PROVINCIAL_CANDIDATE', { year: 2017 });
    const recommended = TownStory.cultivating(pingxiang2017FirstEdition)
      .rated(2017, 95)
      .do(
        { type: 'RecordProvincialRecommendation', data: { reviewYear: 2017, recommended: true, rank: 1 } },
        '2018-01-05T10:00:00+08:00',
        'joint-meeting-secretary',
      )
      .rated(2018, 96);
    given(...recommended.events)
      .when(
        { type: 'RecordProvincialRecommendation', data: { reviewYear: 2018, recommended: true, rank: 1 } },
        contextFor(pingxiang2017FirstEdition)('2019-01-05T10:00:00+08:00', 'joint-meeting-secretary'),
      )
      .thenRefused('ALREADY_RECOMMENDED');
  });
});

describe('RecordProvincialDecision (§I.3: the province decides who is on its list)', () => {
  const recommended = TownStory.cultivating()
    .rated(2017, 95)
    .do(
      { type: 'RecordProvincialRecommendation', data: { reviewYear: 2017, recommended: true, rank: 1 } },
      '2018-01-05T10:00:00+08:00',
      'joint-meeting-secretary',
    );
  const office2018 = at('2018-06-01T10:00:00+08:00', 'joint-meeting-office');
  const answer = (reviewYear: number, listed: boolean, reference = ' 赣建村〔2018〕1号 ') => ({
    type: 'RecordProvincialDecision' as const,
    data: { reviewYear, listed, reference },
  });

  it('records the province’s answer to a recommendation, once', () => {
    const when = given(...recommended.events).when(answer(2017, true), office2018);
    when.then([
      {
        type: 'ProvincialDecisionRecorded',
        data: { reviewYear: 2017, listed: true, reference: '赣建村〔2018〕1号' },
      },
    ]);
    expect(when.stateAfter.provincial.decisions).toEqual([{ reviewYear: 2017, listed: true }]);
    given(...recommended.events, ...when.events)
      .when(answer(2017, false), office2018)
      .thenRefused('PROVINCIAL_DECISION_ALREADY_RECORDED');
  });

  it('refuses an answer to no recommendation, without a reference, or from another seat', () => {
    given(...recommended.events)
      .when(answer(2018, true), office2018)
      .thenRefused('PROVINCIAL_DECISION_NOT_EXPECTED');
    given(...recommended.events)
      .when(answer(2017, true, ' '), office2018)
      .thenRefused('REFERENCE_REQUIRED');
    given(...recommended.events)
      .when(answer(2017, true), at('2018-06-01T10:00:00+08:00', 'county-official', { county: 'shangli' }))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

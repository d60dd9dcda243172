import { townDecider } from '../../../../domain/town';
import { jiangxiStyleObservation, pingxiang2017, pingxiang2017FirstEdition } from '../../../../domain/policy';
import { applicationRefusals } from '../../../../domain/shared/application-rules';
import type { ApplyForTown } from '../../../../domain/town';
import { contextFor, containing, underPingxiang } from '../../../helpers/given-when-then';
import { APPLIED_2017, PUBLISHED_2017, TownStory } from './town-story';

const { given, at } = underPingxiang(townDecider);
const official = (now = APPLIED_2017) => at(now, 'county-official', { county: '上栗县' });

const apply = (data: Partial<ApplyForTown['data']> = {}): ApplyForTown => ({
  type: 'ApplyForTown',
  data: {
    townId: 'town-1',
    batchId: '2017',
    name: ' 上栗花炮小镇 ',
    county: '上栗县',
    kind: 'administrative-town',
    industry: '花炮',
    ...data,
  },
});

describe('ApplyForTown (§IV.1, §I.3)', () => {
  it('records the application with the county and industry normalised to their codes', () => {
    given()
      .when(apply({ declarations: { 'market-led': ' 龙头企业主导运营 ' } }), official())
      .then([
        {
          type: 'TownApplied',
          data: {
            townId: 'town-1',
            batchId: '2017',
            name: '上栗花炮小镇',
            county: 'shangli',
            countyNameZh: '上栗县',
            kind: 'administrative-town',
            industry: 'fireworks',
            appliedAt: '2017-03-20T02:00:00.000Z',
            declaredConditions: [
              'characteristic-industry',
              'not-manufacturing-led',
              'distinct-from-parks-and-scenic-areas',
              'concentrated-core-area',
              'market-led',
            ].map((code) => ({ code, statement: code === 'market-led' ? '龙头企业主导运营' : null })),
          },
        },
      ]);
  });

  it('keeps the conditions the application declared in the town’s state, for its page', () => {
    const when = given().when(apply({ declarations: { 'market-led': '龙头企业主导运营' } }), official());
    expect(when.stateAfter.declaredConditions).toContainEqual({
      code: 'market-led',
      statement: '龙头企业主导运营',
    });
    expect(when.stateAfter.declaredConditions).toContainEqual({
      code: 'concentrated-core-area',
      statement: null,
    });
  });

  it('records an industry outside the listed ones as `other`, with what it is (§II.2 "等")', () => {
    const when = given().when(apply({ industry: 'other', industryDescription: '竹编工艺' }), official());
    when.thenMatches([
      { type: 'TownApplied', data: containing({ industry: 'other', industryDescription: '竹编工艺' }) },
    ]);
    expect(when.stateAfter).toMatchObject({ industry: 'other', industryDescription: '竹编工艺' });
    given()
      .when(apply({ industry: 'other' }), official())
      .thenRefused('INDUSTRY_DESCRIPTION_REQUIRED');
    given()
      .when(
        apply({ industry: 'other', industryDescription: '竹编工艺' }),
        contextFor(pingxiang2017FirstEdition)(APPLIED_2017, 'county-official', { county: '上栗县' }),
      )
      .thenRefused('INDUSTRY_UNKNOWN');
  });

  it('accepts an innovation platform identified by code', () => {
    given()
      .when(apply({ kind: 'innovation-platform', county: 'shangli', industry: 'new-materials' }), official())
      .thenMatches([
        {
          type: 'TownApplied',
          data: containing({ kind: 'innovation-platform', industry: 'new-materials' }),
        },
      ]);
  });

  it('accepts the last millisecond of 31 March in Shanghai', () => {
    given()
      .when(apply(), official('2017-03-31T23:59:59.999+08:00'))
      .thenMatches([{ type: 'TownApplied' }]);
  });

  it.each<[string, Partial<ApplyForTown['data']>, string, string]>([
    ['an unknown county', { county: '宜春市' }, 'COUNTY_UNKNOWN', 'county'],
    ['an unknown kind', { kind: 'industrial-park' as 'administrative-town' }, 'KIND_UNKNOWN', 'kind'],
    ['an unknown industry', { industry: '钢铁' }, 'INDUSTRY_UNKNOWN', 'industry'],
    ['an unknown batch', { batchId: '2019' }, 'BATCH_UNKNOWN', 'batchId'],
  ])('refuses %s, naming the field', (_case, data, code, field) => {
    given().when(apply(data), official()).thenRefused(code, { field });
  });

  it('names every field of an application the pack refuses at once, where deciding stops at the first', () => {
    const refusals = applicationRefusals(pingxiang2017, {
      name: ' ',
      county: '宜春市',
      kind: 'administrative-town',
      industry: '钢铁',
      declarations: { 'market-led': '龙头企业', 'no-such-condition': '?' },
    });
    expect(refusals.map((refusal) => [refusal.code, refusal.details?.field])).toEqual([
      ['NAME_REQUIRED', 'name'],
      ['COUNTY_UNKNOWN', 'county'],
      ['INDUSTRY_UNKNOWN', 'industry'],
      ['CONDITION_UNKNOWN', 'declarations.no-such-condition'],
    ]);
    expect(applicationRefusals(pingxiang2017, { county: '芦溪县', industry: '花炮' })).toEqual([]);
  });

  it('refuses a nameless town', () => {
    given()
      .when(apply({ name: '  ' }), official())
      .thenRefused('NAME_REQUIRED');
  });

  it('refuses after the end of March in Shanghai (one millisecond late)', () => {
    given()
      .when(apply(), official('2017-03-31T16:00:00.000Z'))
      .thenRefused('APPLICATION_WINDOW_CLOSED', { batchId: '2017', closesAt: '2017-03-31T15:59:59.999Z' });
  });

  it('refuses before the window opens', () => {
    given().when(apply(), official('2017-02-28T12:00:00+08:00')).thenRefused('APPLICATION_WINDOW_NOT_OPEN');
  });

  it('refuses a second application of the same town', () => {
    const story = new TownStory().applied();
    given(...story.events)
      .when(apply(), official())
      .thenRefused('TOWN_ALREADY_APPLIED');
  });

  it('refuses anyone but a county official', () => {
    given()
      .when(apply(), at(APPLIED_2017, 'joint-meeting-office'))
      .thenRefused('ROLE_NOT_ALLOWED', { seat: 'joint-meeting-office' });
    given().when(apply(), at(APPLIED_2017, 'auditor')).thenRefused('ROLE_NOT_ALLOWED');
  });

  it('refuses an official of another county', () => {
    given()
      .when(apply(), at(APPLIED_2017, 'county-official', { county: 'luxi' }))
      .thenRefused('ACTOR_COUNTY_MISMATCH');
    given().when(apply(), at(APPLIED_2017, 'county-official')).thenRefused('ACTOR_COUNTY_MISMATCH');
  });

  it('refuses a malformed clock reading rather than guessing', () => {
    given()
      .when(apply(), at('20 March 2017', 'county-official', { county: 'shangli' }))
      .thenRefused('INVALID_INSTANT');
  });

  it('refuses a command type it does not know', () => {
    given()
      .when({ type: 'DissolveTown', data: {} } as unknown as ApplyForTown, official())
      .thenRefused('COMMAND_UNKNOWN', { type: 'DissolveTown' });
  });
});

describe('RecordSelection (§IV.1) and the listing reward (§III.5)', () => {
  const secretary = at(PUBLISHED_2017, 'joint-meeting-secretary');
  const applied = new TownStory().applied().events;

  it('lists the town with its schedule from the pack and makes ¥1,000,000 due', () => {
    const when = given(...applied).when(
      {
        type: 'RecordSelection',
        data: { batchId: '2017', listed: true, publishedAt: PUBLISHED_2017, weightedScore: 88.5 },
      },
      secretary,
    );
    when.then([
      {
        type: 'TownListed',
        data: {
          batchId: '2017',
          publishedAt: '2017-04-28T02:00:00.000Z',
          weightedScore: 88.5,
          schedule: {
            planDueAt: '2017-07-28T15:59:59.999Z',
            progressCheckDueAt: '2019-04-28T15:59:59.999Z',
            reviews: [2017, 2018, 2019].map((year) => ({
              year,
              opensAt: `${year}-11-30T16:00:00.000Z`,
              statisticsDueAt: `${year}-12-15T15:59:59.999Z`,
            })),
            finalAcceptanceStartsAt: '2020-11-30T16:00:00.000Z',
          },
          rewards: [
            { reward: 'listing', amountYuan: 1_000_000, trigger: 'listed' },
            { reward: 'progress', amountYuan: 1_000_000, trigger: 'progress-check-passed' },
          ],
        },
      },
      { type: 'RewardDue', data: { reward: 'listing', amountYuan: 1_000_000 } },
    ]);
    expect(when.stateAfter).toMatchObject({
      status: 'planning',
      plan: { status: 'awaiting', dueAt: '2017-07-28T15:59:59.999Z' },
      rewards: [
        { reward: 'listing', status: 'due' },
        { reward: 'progress', status: 'pending' },
      ],
    });
  });

  it('records a town left off the list, which ends its story', () => {
    const when = given(...applied).when(
      {
        type: 'RecordSelection',
        data: {
          batchId: '2017',
          listed: false,
          publishedAt: PUBLISHED_2017,
          weightedScore: 61,
          reason: 'not-selected',
        },
      },
      secretary,
    );
    when.then([
      {
        type: 'TownNotListed',
        data: { batchId: '2017', publishedAt: '2017-04-28T02:00:00.000Z', reason: 'not-selected' },
      },
    ]);
    expect(when.stateAfter.status).toBe('not-listed');
    expect(when.stateAfter.deadlines).toEqual([]);
  });

  it('refuses a selection for a town that never applied, for another batch, or twice', () => {
    const command = {
      type: 'RecordSelection' as const,
      data: { batchId: '2017', listed: true, publishedAt: PUBLISHED_2017, weightedScore: null },
    };
    given().when(command, secretary).thenRefused('TOWN_NOT_APPLIED');
    given(...applied)
      .when({ ...command, data: { ...command.data, batchId: '2018' } }, secretary)
      .thenRefused('BATCH_MISMATCH');
    given(...new TownStory().applied().listed().events)
      .when(command, secretary)
      .thenRefused('SELECTION_ALREADY_RECORDED');
  });

  it('refuses a selection recorded by a county', () => {
    given(...applied)
      .when(
        {
          type: 'RecordSelection',
          data: { batchId: '2017', listed: true, publishedAt: PUBLISHED_2017, weightedScore: null },
        },
        official(PUBLISHED_2017),
      )
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('PayReward (§III.5)', () => {
  const finance = at('2017-05-10T10:00:00+08:00', 'finance-bureau');
  const listed = new TownStory().applied().listed().events;

  it('pays the listing reward once', () => {
    const when = given(...listed).when(
      { type: 'PayReward', data: { reward: 'listing', paymentRef: 'PX-2017-001' } },
      finance,
    );
    when.then([
      { type: 'RewardPaid', data: { reward: 'listing', amountYuan: 1_000_000, paymentRef: 'PX-2017-001' } },
    ]);
    given(...listed, ...when.events)
      .when({ type: 'PayReward', data: { reward: 'listing', paymentRef: 'PX-2017-002' } }, finance)
      .thenRefused('REWARD_NOT_DUE', { reward: 'listing', status: 'paid' });
  });

  it('names the reward and its status in both languages, and keeps their codes in the details', () => {
    const refusal = given(...listed)
      .when({ type: 'PayReward', data: { reward: 'progress', paymentRef: 'x' } }, finance)
      .thenRefused('REWARD_NOT_DUE', { reward: 'progress', status: 'pending' });
    expect(refusal.messageZh).toBe('奖励“两年进度考核奖励”当前不可支付（状态：待达成）。');
    expect(refusal.messageEn).toBe('Reward "Two-year progress reward" is not payable (status: Pending).');
  });

  it('refuses the progress reward before the progress check', () => {
    given(...listed)
      .when({ type: 'PayReward', data: { reward: 'progress', paymentRef: 'x' } }, finance)
      .thenRefused('REWARD_NOT_DUE', { status: 'pending' });
  });

  it('refuses an unknown reward, a payment without reference, an unlisted town and a non-finance seat', () => {
    given(...listed)
      .when({ type: 'PayReward', data: { reward: 'bonus', paymentRef: 'x' } }, finance)
      .thenRefused('REWARD_UNKNOWN');
    given(...listed)
      .when({ type: 'PayReward', data: { reward: 'listing', paymentRef: ' ' } }, finance)
      .thenRefused('REFERENCE_REQUIRED');
    given(...new TownStory().applied().events)
      .when({ type: 'PayReward', data: { reward: 'listing', paymentRef: 'x' } }, finance)
      .thenRefused('TOWN_NOT_LISTED');
    given(...listed)
      .when(
        { type: 'PayReward', data: { reward: 'listing', paymentRef: 'x' } },
        at('2017-05-10T10:00:00+08:00', 'joint-meeting-office'),
      )
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('the same decider under another pack', () => {
  it('takes the county list from the pack, not from code', () => {
    const observationAt = contextFor(jiangxiStyleObservation);
    given()
      .when(apply(), observationAt(APPLIED_2017, 'county-official', { county: 'shangli' }))
      .thenMatches([{ type: 'TownApplied' }]);
  });
});

import { pingxiang2017 } from '../../../domain/policy';
import type { TownEvent } from '../../../domain/town';
import { fundMovementsOf, fundsByYearAndCounty } from '../../../apps/api/read-models/funds-ledger';

const listed = {
  type: 'TownListed',
  data: {
    batchId: '2017',
    publishedAt: '2017-04-28T02:00:00.000Z',
    weightedScore: 88,
    schedule: {},
    rewards: [
      { reward: 'planning-design', amountYuan: 1_000_000, trigger: 'listed' },
      { reward: 'construction', amountYuan: 1_000_000, trigger: 'progress-check-passed' },
    ],
  },
} as unknown as TownEvent;
const paid: TownEvent = {
  type: 'RewardPaid',
  data: { reward: 'planning-design', amountYuan: 1_000_000, paymentRef: 'PAY-1' },
};
const notEarned: TownEvent = {
  type: 'RewardNotEarned',
  data: { reward: 'construction', amountYuan: 1_000_000, reason: 'progress-check-failed' },
};

describe('the city rewards by year and county', () => {
  it('dates each movement in the Shanghai year it happened in, not the UTC one', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    expect(fundMovementsOf(paid, '2017-12-31T16:30:00.000Z')).toEqual([
      { kind: 'paid', reward: 'planning-design', amountYuan: 1_000_000, year: 2018 },
    ]);
    expect(fundMovementsOf(notEarned, '2019-05-01T00:00:00.000Z')).toEqual([
      { kind: 'forfeited', reward: 'construction', amountYuan: 1_000_000, year: 2019 },
    ]);
    expect(fundMovementsOf(listed, '2017-04-28T02:00:00.000Z').map((m) => m.kind)).toEqual([
      'committed',
      'committed',
    ]);
  });

  it('sums by year, by county (every county of the pack, in its order) and by both', () => {
    const luxi = {
      county: 'luxi',
      fundMovements: [
        ...fundMovementsOf(listed, '2017-04-28T02:00:00.000Z'),
        ...fundMovementsOf(paid, '2017-06-01T02:00:00.000Z'),
        ...fundMovementsOf(notEarned, '2019-05-01T02:00:00.000Z'),
      ],
    };
    const shangli = {
      county: 'shangli',
      fundMovements: [
        ...fundMovementsOf(listed, '2018-04-28T02:00:00.000Z'),
        ...fundMovementsOf(paid, '2018-06-01T02:00:00.000Z'),
      ],
    };
    const funds = fundsByYearAndCounty(
      [luxi, shangli, { county: 'anyuan', fundMovements: [] }],
      pingxiang2017,
    );
    expect(funds.byYear).toEqual([
      { year: 2017, committedYuan: 2_000_000, paidYuan: 1_000_000, forfeitedYuan: 0 },
      { year: 2018, committedYuan: 2_000_000, paidYuan: 1_000_000, forfeitedYuan: 0 },
      { year: 2019, committedYuan: 0, paidYuan: 0, forfeitedYuan: 1_000_000 },
    ]);
    expect(funds.byCounty.map((row) => row.county)).toEqual(pingxiang2017.counties.map((c) => c.code));
    expect(funds.byCounty.find((row) => row.county === 'luxi')).toEqual({
      county: 'luxi',
      committedYuan: 2_000_000,
      paidYuan: 1_000_000,
      forfeitedYuan: 1_000_000,
    });
    expect(funds.cells).toEqual([
      { year: 2017, county: 'luxi', committedYuan: 2_000_000, paidYuan: 1_000_000, forfeitedYuan: 0 },
      { year: 2018, county: 'shangli', committedYuan: 2_000_000, paidYuan: 1_000_000, forfeitedYuan: 0 },
      { year: 2019, county: 'luxi', committedYuan: 0, paidYuan: 0, forfeitedYuan: 1_000_000 },
    ]);
  });
});

import {
  batchRanking,
  countyPlaces,
  evolveBatch,
  initialBatchState,
  type BatchEvent,
} from '../../../../domain/batch';
import { definePolicyPack, pingxiang2017, pingxiang2017Content } from '../../../../domain/policy';
import { batchOpened } from './batch-events.fixtures';

const opened = batchOpened({ luxi: ['t-0'] }, '2018');
const received = (townId: string, county: string): BatchEvent => ({
  type: 'ApplicationReceived',
  data: {
    townId,
    name: `${townId} 小镇`,
    county,
    kind: 'administrative-town',
    industry: 'fireworks',
    appliedAt: '2018-03-10T02:00:00.000Z',
  },
});
const scored = (townId: string, weightedScore: number, conditions?: Record<string, boolean>): BatchEvent => ({
  type: 'DefenceScored',
  data: { townId, scores: {}, weights: {}, weightedScore, ...(conditions ? { conditions } : {}) },
});
const stateAfter = (events: readonly BatchEvent[]) => events.reduce(evolveBatch, initialBatchState);

describe('the ranking the defence scores give', () => {
  const events = [
    opened,
    received('t-b', 'luxi'),
    received('t-a', 'luxi'),
    received('t-c', 'shangli'),
    received('t-d', 'anyuan'),
    scored('t-c', 72.5),
    scored('t-b', 88),
    scored('t-a', 88),
  ];

  it('ranks the scored by weighted score, ties by town id, and puts the unscored last', () => {
    const ranking = batchRanking(stateAfter(events), pingxiang2017);
    expect(
      ranking.map(({ application, rank, weightedScore }) => [application.townId, rank, weightedScore]),
    ).toEqual([
      ['t-a', 1, 88],
      ['t-b', 2, 88],
      ['t-c', 3, 72.5],
      ['t-d', null, null],
    ]);
    expect(ranking.find((row) => row.application.townId === 't-d')?.bar).toBe('unscored');
    expect(ranking.find((row) => row.application.townId === 't-a')).not.toHaveProperty('bar');
  });

  it("names what bars an applicant under the pack's rules: the passing score, an unmet condition", () => {
    const strict = definePolicyPack({
      ...pingxiang2017Content,
      selection: { ...pingxiang2017Content.selection, passingScore: 80 },
    });
    const ranking = batchRanking(stateAfter([...events, scored('t-d', 95, { 'market-led': false })]), strict);
    expect(Object.fromEntries(ranking.map((row) => [row.application.townId, row.bar ?? 'eligible']))).toEqual(
      {
        't-d': 'conditions-not-met',
        't-a': 'eligible',
        't-b': 'eligible',
        't-c': 'below-passing-score',
      },
    );
  });

  it("counts each county's places: listed before, applications, listed by this batch, the pack's limit", () => {
    const decided = stateAfter([
      ...events,
      scored('t-d', 60),
      {
        type: 'ListDecided',
        data: {
          listed: [{ townId: 't-a', county: 'luxi', weightedScore: 88 }],
          notListed: [],
        },
      },
    ]);
    const luxi = countyPlaces(decided, pingxiang2017).find((row) => row.county === 'luxi');
    expect(luxi).toEqual({ county: 'luxi', listedBefore: 1, applications: 2, listedHere: 1, maxTowns: 2 });
    expect(countyPlaces(decided, pingxiang2017)).toHaveLength(pingxiang2017.counties.length);
  });
});

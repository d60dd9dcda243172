import { parseAsOf } from '../../../audit/state-at/as-of';
import { programmeStateAt, townStateAt } from '../../../audit/state-at/state-at';
import { RecordedLog } from './recorded';
import { recommendationDecision, townHistory } from './town-history';

describe('state as of an instant', () => {
  const log = new RecordedLog()
    .append('town-a', townHistory('a', '麻山汽车风情小镇', 'recommended'))
    .append('town-b', townHistory('b', '武功山温泉小镇', 'exited'))
    .append('programme-p1', [recommendationDecision(['a', 'b'])])
    .append('audit-notes', [{ ...recommendationDecision(['x']), type: 'Note' }]);

  it('reads a date as the end of that day in Shanghai, and instants with their offsets', () => {
    expect(parseAsOf('2018-12-31').at).toBe('2018-12-31T15:59:59.999Z');
    expect(parseAsOf('2019-01-01T08:00:00+08:00').at).toBe('2019-01-01T00:00:00.000Z');
    expect(() => parseAsOf('31/12/2018')).toThrow(expect.objectContaining({ code: 'INSTANT_INVALID' }));
  });

  it("folds a town's events up to the instant with the domain's evolve", async () => {
    const beforeRating = await townStateAt(log.reader(), 'a', parseAsOf('2018-12-31'));
    expect(beforeRating).toMatchObject({ eventsFolded: 4, eventsAfter: 5, lastFoldedPosition: '4' });
    expect(beforeRating.summary).toMatchObject({
      name: '麻山汽车风情小镇',
      status: 'planning',
      ratings: [],
      funds: { paid: 500_000, pending: 1_000_000, due: 0 },
      landSupport: { entitledYears: [], grantedYears: [] },
    });

    const later = await townStateAt(log.reader(), 'a', parseAsOf('2019-12-31'));
    expect(later.summary).toMatchObject({
      ratings: [{ year: 2018, rating: '良好', score: 82 }],
      funds: { paid: 500_000, due: 1_000_000 },
      landSupport: { entitledYears: [2019], grantedYears: [2019] },
      provincialRecommendation: { year: 2018, rank: 1 },
    });
    expect(later.state.progressCheck.status).toBe('passed');
  });

  it('can judge events by when they were recorded instead', async () => {
    const late = new RecordedLog().append(
      'town-a',
      townHistory('a', '麻山', 'recommended').slice(0, 4),
      '2020-01-01T00:00:00.000Z',
    );

    const occurred = await townStateAt(late.reader(), 'a', parseAsOf('2018-12-31', 'occurred'));
    const recorded = await townStateAt(late.reader(), 'a', parseAsOf('2018-12-31', 'recorded'));

    expect(occurred.eventsFolded).toBe(4);
    expect(recorded.eventsFolded).toBe(0);
    expect(recorded.state.status).toBe('none');
  });

  it('refuses a town with no events', async () => {
    await expect(townStateAt(log.reader(), 'nobody', parseAsOf('2020-01-01'))).rejects.toMatchObject({
      code: 'TOWN_NOT_FOUND',
    });
  });

  it('gives every town, the money, ratings and entitlements of the whole programme', async () => {
    const state = await programmeStateAt(log.reader(), parseAsOf('2020-06-30'), { pageSize: 4 });

    expect(state).toMatchObject({ eventsFolded: log.events.length, eventsAfter: 0 });
    expect(state.totals).toEqual({
      towns: 2,
      townsByStatus: { planning: 1, exited: 1 },
      funds: { pending: 0, due: 1_000_000, paid: 1_000_000, forfeited: 1_000_000, 'not-earned': 0 },
      landSupportYearsEntitled: 2,
      landSupportYearsGranted: 2,
    });
    expect(state.towns.find((town) => town.townId === 'b')).toMatchObject({
      status: 'exited',
      ratings: [
        { year: 2018, rating: '良好' },
        { year: 2019, rating: '不合格' },
      ],
      exit: { reason: 'rating', year: 2019 },
    });
    expect(Object.keys(state.programmes)).toEqual(['p1']);
    expect(state.otherStreams).toEqual({ audit: 1 });
  });
});

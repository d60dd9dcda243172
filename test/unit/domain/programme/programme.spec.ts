import {
  definePolicyPack,
  pingxiang2017,
  pingxiang2017Content,
  pingxiang2017FirstEdition,
  type PolicyPack,
} from '../../../../domain/policy';
import {
  candidatesInRankOrder,
  decideProgramme,
  MAX_RANKING_PAGE_TOWNS,
  evolveProgramme,
  initialProgrammeState,
  ProgrammeCommand,
  ProgrammeEvent,
  RecommendationCandidate,
  programmeDecider,
} from '../../../../domain/programme';
import { pageDigest } from '../../../../domain/programme/provincial-round-pages';
import { contextFor, containing, underPingxiang } from '../../../helpers/given-when-then';

const { given, at } = underPingxiang(programmeDecider);
const system = (now: string) => at(now, 'system');

class ProgrammeStory {
  events: ProgrammeEvent[] = [];
  state = initialProgrammeState;
  constructor(readonly policy: PolicyPack = pingxiang2017) {}
  do(command: ProgrammeCommand, now: string, seat = 'system'): this {
    const events = decideProgramme(command, this.state, contextFor(this.policy)(now, seat));
    this.events.push(...events);
    this.state = events.reduce(evolveProgramme, this.state);
    return this;
  }
}

const started = (policy?: PolicyPack) =>
  new ProgrammeStory(policy).do(
    { type: 'StartProgramme', data: { programmeId: 'pingxiang' } },
    '2017-01-01T00:00:00+08:00',
    'administrator',
  );
const towns = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
/** Seven listed towns in batch 2017 (counties do not matter here), 2017 review cycle open. */
const reviewing = (policy?: PolicyPack) =>
  started(policy)
    .do({ type: 'OpenProgrammeBatch', data: { batchId: '2017' } }, '2017-03-01T00:00:00+08:00')
    .do(
      {
        type: 'RecordBatchList',
        data: {
          batchId: '2017',
          listed: towns.map((townId, i) => ({ townId, county: pingxiang2017.counties[i % 7]!.code })),
        },
      },
      '2017-04-28T10:00:00+08:00',
    )
    .do({ type: 'OpenReviewCycle', data: { year: 2017 } }, '2017-12-01T00:00:00+08:00');

const excellent = (score: number) => ({ rating: 'excellent', score });
const candidate = (
  townId: string,
  ratings: Record<string, { rating: string; score: number | null }>,
): RecommendationCandidate => ({
  townId,
  ratingsByYear: ratings,
});

describe('StartProgramme: the calendar from the pack', () => {
  it('schedules both batches, the review cycles 2017–2019 and the final acceptance', () => {
    const { events, state } = started();
    expect(events).toEqual([
      {
        type: 'ProgrammeStarted',
        data: {
          programmeId: 'pingxiang',
          batches: [
            {
              batchId: '2017',
              opensAt: '2017-02-28T16:00:00.000Z',
              closesAt: '2017-03-31T15:59:59.999Z',
              listDueAt: '2017-04-30T15:59:59.999Z',
            },
            {
              batchId: '2018',
              opensAt: '2018-02-28T16:00:00.000Z',
              closesAt: '2018-03-31T15:59:59.999Z',
              listDueAt: '2018-04-30T15:59:59.999Z',
            },
          ],
          reviewCycles: [2017, 2018, 2019].map((year) => ({
            year,
            opensAt: `${year}-11-30T16:00:00.000Z`,
            statisticsDueAt: `${year}-12-15T15:59:59.999Z`,
            ratingDueAt: `${year}-12-31T15:59:59.999Z`,
          })),
          finalAcceptanceStartsAt: '2020-11-30T16:00:00.000Z',
          provincialRecommendation: { minTowns: 3, maxTowns: 5 },
        },
      },
    ]);
    expect(state.deadlines.map((deadline) => deadline.name)).toEqual([
      'batch-opens:2017',
      'review-cycle-opens:2017',
      'batch-opens:2018',
      'review-cycle-opens:2018',
      'review-cycle-opens:2019',
      'final-acceptance',
    ]);
  });

  it('starts once, and only by an administrator or the system', () => {
    given(...started().events)
      .when({ type: 'StartProgramme', data: { programmeId: 'again' } }, system('2017-01-02T00:00:00+08:00'))
      .thenRefused('PROGRAMME_ALREADY_STARTED');
    given()
      .when(
        { type: 'StartProgramme', data: { programmeId: 'p' } },
        at('2017-01-01T00:00:00+08:00', 'county-official'),
      )
      .thenRefused('ROLE_NOT_ALLOWED');
    given()
      .when({ type: 'OpenReviewCycle', data: { year: 2017 } }, system('2017-12-01T00:00:00+08:00'))
      .thenRefused('PROGRAMME_NOT_STARTED');
  });
});

describe('batches opened by the programme carry the towns already listed', () => {
  it('gives batch 2018 the 2017 list for the county quota', () => {
    const story = reviewing();
    given(...story.events)
      .when({ type: 'OpenProgrammeBatch', data: { batchId: '2018' } }, system('2018-03-01T00:00:00+08:00'))
      .thenMatches([
        {
          type: 'ProgrammeBatchOpened',
          data: {
            batchId: '2018',
            priorListedByCounty: containing({ anyuan: ['a'], xiangdong: ['b'] }),
          },
        },
      ]);
    given(...story.events)
      .when({ type: 'OpenProgrammeBatch', data: { batchId: '2018' } }, system('2018-02-28T23:59:59+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...story.events)
      .when({ type: 'OpenProgrammeBatch', data: { batchId: '2017' } }, system('2018-03-01T00:00:00+08:00'))
      .thenNothing();
    given(...story.events)
      .when({ type: 'OpenProgrammeBatch', data: { batchId: '2030' } }, system('2018-03-01T00:00:00+08:00'))
      .thenRefused('BATCH_UNKNOWN');
  });

  it('gives an exited town’s place back to its county (default), where the first edition kept it taken', () => {
    const exited = reviewing().do(
      { type: 'RecordTownExit', data: { townId: 'a', supportEndsAt: '2018-01-01T00:00:00+08:00' } },
      '2017-12-20T10:00:00+08:00',
    );
    const open2018 = { type: 'OpenProgrammeBatch' as const, data: { batchId: '2018' } };
    const opened = given(...exited.events).when(open2018, system('2018-03-01T00:00:00+08:00')).events[0];
    expect(opened?.type === 'ProgrammeBatchOpened' && opened.data.priorListedByCounty['anyuan']).toBe(
      undefined,
    );
    const firstEdition = reviewing(pingxiang2017FirstEdition).do(
      { type: 'RecordTownExit', data: { townId: 'a', supportEndsAt: '2018-01-01T00:00:00+08:00' } },
      '2017-12-20T10:00:00+08:00',
    );
    given(...firstEdition.events)
      .when(open2018, contextFor(pingxiang2017FirstEdition)('2018-03-01T00:00:00+08:00', 'system'))
      .thenMatches([
        {
          type: 'ProgrammeBatchOpened',
          data: { batchId: '2018', priorListedByCounty: containing({ anyuan: ['a'] }) },
        },
      ]);
  });

  it('refuses a list for a batch not opened, a second list, and unknown counties', () => {
    const story = reviewing();
    given(...story.events)
      .when(
        { type: 'RecordBatchList', data: { batchId: '2018', listed: [] } },
        system('2018-04-28T00:00:00+08:00'),
      )
      .thenRefused('BATCH_NOT_OPEN');
    given(...story.events)
      .when(
        { type: 'RecordBatchList', data: { batchId: '2017', listed: [] } },
        system('2017-04-29T00:00:00+08:00'),
      )
      .thenRefused('LIST_ALREADY_PUBLISHED');
    const opened2018 = reviewing().do(
      { type: 'OpenProgrammeBatch', data: { batchId: '2018' } },
      '2018-03-01T00:00:00+08:00',
    );
    given(...opened2018.events)
      .when(
        { type: 'RecordBatchList', data: { batchId: '2018', listed: [{ townId: 'z', county: '宜春' }] } },
        system('2018-04-28T00:00:00+08:00'),
      )
      .thenRefused('COUNTY_UNKNOWN');
  });

  it('records a list a batch recorded in pages a page at a time, as one RecordBatchList would (decision 0069)', () => {
    const opened = started().do(
      { type: 'OpenProgrammeBatch', data: { batchId: '2017' } },
      '2017-03-01T00:00:00+08:00',
    );
    const listed = towns.map((townId, i) => ({ townId, county: pingxiang2017.counties[i % 7]!.code }));
    const whole = reviewing().state;
    const paged = started()
      .do({ type: 'OpenProgrammeBatch', data: { batchId: '2017' } }, '2017-03-01T00:00:00+08:00')
      .do(
        { type: 'RecordBatchListPage', data: { batchId: '2017', page: 0, listed: listed.slice(0, 4) } },
        '2017-04-28T10:00:00+08:00',
      )
      .do(
        { type: 'RecordBatchListPage', data: { batchId: '2017', page: 1, listed: listed.slice(4) } },
        '2017-04-28T10:00:00+08:00',
      )
      .do(
        {
          type: 'CloseBatchList',
          data: { batchId: '2017', pages: 2, towns: 7, batchPagesDigest: 'f'.repeat(64) },
        },
        '2017-04-28T10:00:00+08:00',
      );
    expect(paged.state.listedTowns).toEqual(whole.listedTowns);
    expect(paged.state.batches.find((batch) => batch.batchId === '2017')?.status).toBe('listed');
    const firstPage = paged.events.filter((event) => event.type === 'BatchListPageRecorded').slice(0, 1);
    const page0 = {
      type: 'RecordBatchListPage' as const,
      data: { batchId: '2017', page: 0, listed: listed.slice(0, 4) },
    };
    const at2017 = system('2017-04-28T10:00:00+08:00');
    given(...opened.events, ...firstPage)
      .when(page0, at2017)
      .then([]);
    given(...opened.events)
      .when({ ...page0, data: { ...page0.data, page: 1 } }, at2017)
      .thenRefused('LIST_PAGE_OUT_OF_ORDER', { expected: 0, page: 1 });
    given(...opened.events, ...firstPage)
      .when(
        { type: 'CloseBatchList', data: { batchId: '2017', pages: 2, towns: 7, batchPagesDigest: '' } },
        at2017,
      )
      .thenRefused('BATCH_LIST_PAGES_MISSING', { pages: 1, towns: 4 });
    given(...paged.events)
      .when(page0, at2017)
      .then([]);
    given(...paged.events)
      .when({ ...page0, data: { ...page0.data, page: 2 } }, at2017)
      .thenRefused('LIST_ALREADY_PUBLISHED');
  });
});

describe('provincial recommendation (§IV.3 every excellent town; §I.3 3–5 on the province’s list; default ranking)', () => {
  const ROUND = '2018-01-01T00:00:00+08:00';
  const decide = (reviewYear: number, candidates: RecommendationCandidate[]) => ({
    type: 'DecideProvincialRecommendations' as const,
    data: { reviewYear, candidates },
  });

  it('recommends every excellent town (§IV.3), ranked by the pack’s rule; 3–5 is the province’s target', () => {
    const story = reviewing().do(
      { type: 'OpenReviewCycle', data: { year: 2018 } },
      '2018-12-01T00:00:00+08:00',
    );
    const candidates = ['a', 'b', 'c', 'd', 'e', 'f'].map((townId, i) =>
      candidate(townId, { '2018': excellent(86 + i) }),
    );
    given(...story.events)
      .when(
        decide(2018, [...candidates, candidate('g', { '2018': { rating: 'qualified', score: 80 } })]),
        at('2019-01-01T00:00:00+08:00', 'joint-meeting-secretary'),
      )
      .thenMatches([
        {
          type: 'ProvincialRecommendationsDecided',
          data: containing({
            recommended: ['f', 'e', 'd', 'c', 'b', 'a'].map((townId, i) => ({ townId, rank: i + 1 })),
            notRecommended: [{ townId: 'g', reason: 'not-eligible' }],
            totalRecommended: 6,
            // Nothing is on the province's list yet: the target is the province's to meet.
            targetMet: false,
            provincialList: { listed: 0, minTowns: 3, maxTowns: 5 },
          }),
        },
      ]);
  });

  it('recommends again a town the province has not listed, never one it has listed', () => {
    const first = reviewing().do(
      decide(
        2017,
        ['a', 'b', 'c'].map((townId) => candidate(townId, { '2017': excellent(90) })),
      ),
      ROUND,
      'joint-meeting-secretary',
    );
    const second = first.do({ type: 'OpenReviewCycle', data: { year: 2018 } }, '2018-12-01T00:00:00+08:00');
    const ratings = { '2017': excellent(90), '2018': excellent(91) };
    given(...second.events)
      .when(
        decide(2018, [
          { ...candidate('a', ratings), listedByProvince: true },
          candidate('b', ratings),
          { ...candidate('c', { '2017': excellent(90) }), listedByProvince: true },
        ]),
        at('2019-01-01T00:00:00+08:00', 'joint-meeting-secretary'),
      )
      .thenMatches([
        {
          type: 'ProvincialRecommendationsDecided',
          data: containing({
            recommended: [{ townId: 'b', rank: 1 }],
            notRecommended: [
              { townId: 'a', reason: 'listed-by-province' },
              { townId: 'c', reason: 'listed-by-province' },
            ],
            totalRecommended: 3,
            targetMet: false,
            provincialList: { listed: 2, minTowns: 3, maxTowns: 5 },
          }),
        },
      ]);
  });

  it('under the first edition, with six excellent towns recommends only the maximum of five, ranked by its rule', () => {
    const story = reviewing(pingxiang2017FirstEdition).do(
      { type: 'OpenReviewCycle', data: { year: 2018 } },
      '2018-12-01T00:00:00+08:00',
    );
    type Rating = { rating: string; score: number | null };
    const y = (r2017: Rating | null, r2018: Rating): Record<string, Rating> =>
      r2017 ? { '2017': r2017, '2018': r2018 } : { '2018': r2018 };
    const candidates = [
      candidate('a', y(null, excellent(99))),
      candidate('b', y(excellent(86), excellent(87))),
      candidate('c', y({ rating: 'qualified', score: 70 }, excellent(95))),
      candidate('d', y(excellent(90), excellent(86))),
      candidate('e', y(null, excellent(90))),
      candidate('f', y(null, excellent(88))),
      candidate('g', y(excellent(99), { rating: 'qualified', score: 80 })),
    ];
    const when = given(...story.events).when(
      decide(2018, candidates),
      contextFor(pingxiang2017FirstEdition)('2019-01-01T00:00:00+08:00', 'joint-meeting-secretary'),
    );
    when.thenMatches([
      {
        type: 'ProvincialRecommendationsDecided',
        data: containing({
          reviewYear: 2018,
          // Two consecutive excellent years first (b, d by score), then one year by score: a 99, c 95, e 90; f is sixth.
          recommended: [
            { townId: 'b', rank: 1 },
            { townId: 'd', rank: 2 },
            { townId: 'a', rank: 3 },
            { townId: 'c', rank: 4 },
            { townId: 'e', rank: 5 },
          ],
          notRecommended: [
            { townId: 'f', reason: 'over-maximum' },
            { townId: 'g', reason: 'not-eligible' },
          ],
          totalRecommended: 5,
          targetMet: true,
        }),
      },
    ]);
    const [event] = when.events;
    expect(event?.type === 'ProvincialRecommendationsDecided' && event.data.ranking[0]).toEqual({
      townId: 'b',
      rating: 'excellent',
      eligible: true,
      consecutiveEligibleYears: 2,
      totalEligibleYears: 2,
      score: 87,
    });
  });

  it('under the first edition, counts earlier rounds against the maximum, skips exited and already recommended towns', () => {
    const firstEdition = contextFor(pingxiang2017FirstEdition);
    const first = reviewing(pingxiang2017FirstEdition).do(
      decide(
        2017,
        ['a', 'b', 'c'].map((townId, i) => candidate(townId, { '2017': excellent(90 + i) })),
      ),
      ROUND,
      'joint-meeting-secretary',
    );
    expect(first.events.at(-1)).toMatchObject({ data: { totalRecommended: 3, targetMet: true } });
    const second = first
      .do(
        { type: 'RecordTownExit', data: { townId: 'd', supportEndsAt: '2019-01-01T00:00:00+08:00' } },
        '2018-12-20T10:00:00+08:00',
      )
      .do({ type: 'OpenReviewCycle', data: { year: 2018 } }, '2018-12-01T00:00:00+08:00');
    given(...second.events)
      .when(
        decide(
          2018,
          ['a', 'd', 'e', 'f', 'g'].map((townId) =>
            candidate(townId, { '2018': excellent(townId === 'g' ? 95 : 90) }),
          ),
        ),
        firstEdition('2019-01-01T00:00:00+08:00', 'joint-meeting-secretary'),
      )
      .thenMatches([
        {
          type: 'ProvincialRecommendationsDecided',
          data: containing({
            recommended: [
              { townId: 'g', rank: 1 },
              { townId: 'e', rank: 2 },
            ],
            notRecommended: [
              { townId: 'a', reason: 'already-recommended' },
              { townId: 'd', reason: 'exited' },
              { townId: 'f', reason: 'over-maximum' },
            ],
            totalRecommended: 5,
          }),
        },
      ]);
  });

  it('reports when the round leaves the programme below its minimum target', () => {
    given(...reviewing().events)
      .when(decide(2017, [candidate('a', { '2017': excellent(90) })]), at(ROUND, 'joint-meeting-secretary'))
      .thenMatches([
        {
          type: 'ProvincialRecommendationsDecided',
          data: containing({ totalRecommended: 1, targetMet: false }),
        },
      ]);
    // The first edition read the target as one for recommendations, and records no province's list.
    const recommended = given(...reviewing(pingxiang2017FirstEdition).events).when(
      decide(
        2017,
        ['a', 'b', 'c'].map((townId) => candidate(townId, { '2017': excellent(90) })),
      ),
      contextFor(pingxiang2017FirstEdition)(ROUND, 'joint-meeting-secretary'),
    ).events[0];
    expect(recommended?.data).toMatchObject({ totalRecommended: 3, targetMet: true });
    expect(recommended?.data).not.toHaveProperty('provincialList');
  });

  it('takes its ranking rule and maximum from the pack', () => {
    const byScore = definePolicyPack({
      ...pingxiang2017Content,
      id: 'score-only',
      provincialRecommendation: {
        minTowns: 1,
        maxTowns: 1,
        eligibleRatings: ['excellent', 'qualified'],
        ranking: ['score'],
      },
    });
    const scoreAt = contextFor(byScore);
    const story = reviewing().do(
      { type: 'OpenReviewCycle', data: { year: 2018 } },
      '2018-12-01T00:00:00+08:00',
    );
    given(...story.events)
      .when(
        decide(2018, [
          candidate('b', { '2017': excellent(90), '2018': excellent(86) }),
          candidate('c', { '2018': { rating: 'qualified', score: 87 } }),
        ]),
        scoreAt('2019-01-01T00:00:00+08:00', 'joint-meeting-secretary'),
      )
      .thenMatches([
        {
          type: 'ProvincialRecommendationsDecided',
          data: containing({
            recommended: [{ townId: 'c', rank: 1 }],
            notRecommended: [{ townId: 'b', reason: 'over-maximum' }],
          }),
        },
      ]);
  });

  it('refuses a round before the ratings are due, twice, for unknown towns or years, or before the cycle opened', () => {
    const story = reviewing();
    given(...story.events)
      .when(decide(2017, []), at('2017-12-31T23:59:59.998+08:00', 'joint-meeting-secretary'))
      .thenRefused('RATINGS_NOT_DUE');
    const done = reviewing().do(decide(2017, []), ROUND, 'joint-meeting-secretary');
    given(...done.events)
      .when(decide(2017, []), at(ROUND, 'joint-meeting-secretary'))
      .thenRefused('RECOMMENDATION_ROUND_DONE');
    given(...story.events)
      .when(decide(2017, [candidate('zz', {})]), at(ROUND, 'joint-meeting-secretary'))
      .thenRefused('TOWN_NOT_LISTED');
    given(...story.events)
      .when(decide(2016, []), at(ROUND, 'joint-meeting-secretary'))
      .thenRefused('REVIEW_YEAR_NOT_SCHEDULED');
    given(...story.events)
      .when(decide(2018, []), at('2019-01-01T00:00:00+08:00', 'joint-meeting-secretary'))
      .thenRefused('REVIEW_NOT_OPEN');
  });

  it('is a pending deadline once the cycle is open', () => {
    expect(reviewing().state.deadlines[0]).toEqual({
      name: 'provincial-recommendation:2017',
      dueAt: '2017-12-31T15:59:59.999Z',
      command: { type: 'DecideProvincialRecommendations', data: { reviewYear: 2017, candidates: [] } },
    });
  });
});

describe('review cycles, exits and the final acceptance round', () => {
  it('opens a cycle for the towns still in the programme', () => {
    const story = started()
      .do({ type: 'OpenProgrammeBatch', data: { batchId: '2017' } }, '2017-03-01T00:00:00+08:00')
      .do(
        {
          type: 'RecordBatchList',
          data: {
            batchId: '2017',
            listed: [
              { townId: 'a', county: 'luxi' },
              { townId: 'b', county: '芦溪县' },
            ],
          },
        },
        '2017-04-28T10:00:00+08:00',
      )
      .do(
        { type: 'RecordTownExit', data: { townId: 'b', supportEndsAt: '2018-01-01T00:00:00+08:00' } },
        '2017-06-01T00:00:00+08:00',
      );
    given(...story.events)
      .when({ type: 'OpenReviewCycle', data: { year: 2017 } }, system('2017-12-01T00:00:00+08:00'))
      .then([{ type: 'ReviewCycleOpened', data: { year: 2017, towns: ['a'] } }]);
    given(...story.events)
      .when(
        { type: 'RecordTownExit', data: { townId: 'b', supportEndsAt: '2018-01-01T00:00:00+08:00' } },
        system('2017-06-02T00:00:00+08:00'),
      )
      .thenNothing();
    given(...story.events)
      .when(
        { type: 'RecordTownExit', data: { townId: 'x', supportEndsAt: '2018-01-01T00:00:00+08:00' } },
        system('2017-06-02T00:00:00+08:00'),
      )
      .thenRefused('TOWN_NOT_LISTED');
    given(...story.events)
      .when({ type: 'OpenReviewCycle', data: { year: 2017 } }, system('2017-11-30T10:00:00+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...story.events)
      .when({ type: 'OpenReviewCycle', data: { year: 2020 } }, system('2020-12-01T00:00:00+08:00'))
      .thenRefused('REVIEW_YEAR_NOT_SCHEDULED');
  });

  it('starts the final acceptance round at the end of 2020 and is closed by the joint meeting', () => {
    const story = reviewing();
    given(...story.events)
      .when({ type: 'StartFinalAcceptanceRound', data: {} }, system('2020-11-30T23:00:00+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    const round = given(...story.events).when(
      { type: 'StartFinalAcceptanceRound', data: {} },
      system('2020-12-01T00:00:00+08:00'),
    );
    round.then([{ type: 'FinalAcceptanceRoundStarted', data: { towns } }]);
    const after = [...story.events, ...round.events];
    given(...after)
      .when({ type: 'CloseProgramme', data: {} }, at('2021-01-15T10:00:00+08:00', 'joint-meeting-secretary'))
      .then([{ type: 'ProgrammeClosed', data: { closedAt: '2021-01-15T02:00:00.000Z' } }]);
    given(...story.events)
      .when({ type: 'CloseProgramme', data: {} }, at('2021-01-15T10:00:00+08:00', 'joint-meeting-secretary'))
      .thenRefused('FINAL_ACCEPTANCE_NOT_STARTED');
    const closed = reviewing()
      .do({ type: 'StartFinalAcceptanceRound', data: {} }, '2020-12-01T00:00:00+08:00')
      .do({ type: 'CloseProgramme', data: {} }, '2021-01-15T10:00:00+08:00', 'joint-meeting-secretary');
    given(...closed.events)
      .when({ type: 'OpenReviewCycle', data: { year: 2019 } }, system('2021-02-01T00:00:00+08:00'))
      .thenRefused('PROGRAMME_CLOSED');
    expect(closed.state.deadlines).toEqual([]);
  });
});

describe('a provincial round recorded in pages (decision 0066)', () => {
  const ROUND = '2019-01-01T00:00:00+08:00';
  const firstEdition = contextFor(pingxiang2017FirstEdition);
  type Rating = { rating: string; score: number | null };
  const ratings: Record<string, Record<string, Rating>> = {
    a: { '2018': excellent(99) },
    b: { '2017': excellent(86), '2018': excellent(87) },
    c: { '2017': { rating: 'qualified', score: 70 }, '2018': excellent(95) },
    d: { '2017': excellent(90), '2018': excellent(86) },
    e: { '2018': excellent(90) },
    f: { '2018': excellent(88) },
    g: { '2017': excellent(99), '2018': { rating: 'qualified', score: 80 } },
  };
  const everyTown = towns.map((townId) =>
    townId === 'c'
      ? { ...candidate(townId, ratings[townId]!), listedByProvince: true }
      : candidate(townId, ratings[townId]!),
  );
  /** Under the first edition (a cap of five over the programme), 2017's round recommended a; d exited. */
  const due = () =>
    reviewing(pingxiang2017FirstEdition)
      .do(
        {
          type: 'DecideProvincialRecommendations',
          data: { reviewYear: 2017, candidates: [candidate('a', { '2017': excellent(90) })] },
        },
        '2018-01-01T00:00:00+08:00',
      )
      .do(
        { type: 'RecordTownExit', data: { townId: 'd', supportEndsAt: '2019-01-01T00:00:00+08:00' } },
        '2018-12-20T10:00:00+08:00',
      )
      .do({ type: 'OpenReviewCycle', data: { year: 2018 } }, '2018-12-01T00:00:00+08:00');
  const page = (n: number, candidates: RecommendationCandidate[]): ProgrammeCommand => ({
    type: 'RecordProvincialRankingPage',
    data: { reviewYear: 2018, page: n, candidates },
  });
  const close = (pages: number, townsRanked: number): ProgrammeCommand => ({
    type: 'CloseProvincialRound',
    data: { reviewYear: 2018, pages, towns: townsRanked },
  });
  const inPages = (size: number) => {
    const ordered = candidatesInRankOrder(pingxiang2017FirstEdition, 2018, everyTown);
    const story = due();
    for (let start = 0; start < ordered.length; start += size) {
      story.do(page(start / size, ordered.slice(start, start + size)), ROUND);
    }
    return story.do(close(Math.ceil(ordered.length / size), ordered.length), ROUND);
  };

  it('decides in pages of two exactly what one ranking of every town decides', () => {
    const whole = due().do(
      { type: 'DecideProvincialRecommendations', data: { reviewYear: 2018, candidates: everyTown } },
      ROUND,
    );
    const once = whole.events.at(-1);
    if (once?.type !== 'ProvincialRecommendationsDecided') throw new Error('no round recorded');
    const paged = inPages(2);
    const pages = paged.events.flatMap((event) =>
      event.type === 'ProvincialRankingPageRecorded' ? [event.data] : [],
    );
    expect(pages.map((recorded) => recorded.ranking.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flatMap((recorded) => recorded.ranking)).toEqual(once.data.ranking);
    expect(pages.flatMap((recorded) => recorded.recommended)).toEqual(once.data.recommended);
    expect(pages.flatMap((recorded) => recorded.notRecommended)).toEqual(once.data.notRecommended);
    // Four places were left by 2017's one; c is on the province's list, d has exited, a was recommended.
    expect(once.data.recommended.map((town) => town.townId)).toEqual(['b', 'e', 'f']);
    expect(paged.events.at(-1)).toEqual({
      type: 'ProvincialRoundClosed',
      data: {
        reviewYear: 2018,
        pages: 4,
        towns: 7,
        recommended: 3,
        totalRecommended: once.data.totalRecommended,
        targetMet: once.data.targetMet,
        pagesDigest: pages.reduce((digest, recorded) => pageDigest(digest, recorded), ''),
      },
    });
    expect(paged.state.recommended).toEqual(whole.state.recommended);
    expect(paged.state.reviewCycles).toEqual(whole.state.reviewCycles);
    expect(paged.state.deadlines).toEqual(whole.state.deadlines);
    expect(paged.state).not.toHaveProperty('provincialRound');
  });

  it('counts the province’s list across pages where the pack reads 3–5 as its target', () => {
    const story = reviewing().do(
      { type: 'OpenReviewCycle', data: { year: 2018 } },
      '2018-12-01T00:00:00+08:00',
    );
    const listed = (townId: string) => ({
      ...candidate(townId, { '2018': excellent(90) }),
      listedByProvince: true,
    });
    const ordered = candidatesInRankOrder(pingxiang2017, 2018, [
      listed('a'),
      listed('b'),
      candidate('c', {}),
    ]);
    story
      .do(page(0, ordered.slice(0, 1)), ROUND)
      .do(page(1, ordered.slice(1)), ROUND)
      .do(close(2, 3), ROUND);
    expect(story.events.at(-1)).toMatchObject({
      type: 'ProvincialRoundClosed',
      data: { recommended: 0, targetMet: false, provincialList: { listed: 2, minTowns: 3, maxTowns: 5 } },
    });
  });

  it('takes a page once: the same page again changes nothing, one ahead is refused', () => {
    const ordered = candidatesInRankOrder(pingxiang2017FirstEdition, 2018, everyTown);
    const first = due().do(page(0, ordered.slice(0, 3)), ROUND);
    given(...first.events)
      .when(page(0, ordered.slice(0, 3)), firstEdition(ROUND, 'system'))
      .thenNothing();
    given(...first.events)
      .when(page(2, ordered.slice(3)), firstEdition(ROUND, 'system'))
      .thenRefused('RANKING_PAGE_OUT_OF_ORDER', { year: 2018, expected: 1, page: 2 });
  });

  it('refuses towns out of rank order, within a page or across pages, and a town ranked twice', () => {
    const ordered = candidatesInRankOrder(pingxiang2017FirstEdition, 2018, everyTown);
    const [best, second, third] = ordered;
    if (!best || !second || !third) throw new Error('seven towns expected');
    given(...due().events)
      .when(page(0, [second, best]), firstEdition(ROUND, 'system'))
      .thenRefused('RANKING_OUT_OF_ORDER', { townId: best.townId });
    const first = due().do(page(0, [best, second]), ROUND);
    given(...first.events)
      .when(page(1, [second, third]), firstEdition(ROUND, 'system'))
      .thenRefused('RANKING_OUT_OF_ORDER', { townId: second.townId });
  });

  it('refuses an empty or oversized page, a town not listed, and the scheduler’s seat only may record pages', () => {
    const events = due().events;
    given(...events)
      .when(page(0, []), firstEdition(ROUND, 'system'))
      .thenRefused('RANKING_PAGE_SIZE');
    const tooMany = Array.from({ length: MAX_RANKING_PAGE_TOWNS + 1 }, (_, i) => candidate(`t${i}`, {}));
    given(...events)
      .when(page(0, tooMany), firstEdition(ROUND, 'system'))
      .thenRefused('RANKING_PAGE_SIZE');
    given(...events)
      .when(page(0, [candidate('zz', {})]), firstEdition(ROUND, 'system'))
      .thenRefused('TOWN_NOT_LISTED');
    given(...events)
      .when(page(0, [candidate('a', {})]), firstEdition(ROUND, 'joint-meeting-secretary'))
      .thenRefused('ROLE_NOT_ALLOWED');
    given(...events)
      .when(page(0, [candidate('a', {})]), firstEdition('2018-12-31T23:59:59.000+08:00', 'system'))
      .thenRefused('RATINGS_NOT_DUE');
  });

  it('closes only a round whose every page is recorded, and only once', () => {
    const ordered = candidatesInRankOrder(pingxiang2017FirstEdition, 2018, everyTown);
    const partial = due().do(page(0, ordered.slice(0, 3)), ROUND);
    given(...partial.events)
      .when(close(3, 7), firstEdition(ROUND, 'system'))
      .thenRefused('RANKING_PAGES_MISSING', {
        year: 2018,
        pages: 1,
        towns: 3,
        expectedPages: 3,
        expectedTowns: 7,
      });
    given(...inPages(3).events)
      .when(close(3, 7), firstEdition(ROUND, 'system'))
      .thenRefused('RECOMMENDATION_ROUND_DONE');
    // A programme with no town to rank closes its round with no page.
    given(...reviewing().events)
      .when(
        { type: 'CloseProvincialRound', data: { reviewYear: 2017, pages: 0, towns: 0 } },
        at('2018-01-01T00:00:00+08:00', 'system'),
      )
      .thenMatches([
        { type: 'ProvincialRoundClosed', data: containing({ pages: 0, towns: 0, recommended: 0 }) },
      ]);
  });
});

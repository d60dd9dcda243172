import { continuationOf } from '../../helpers/continuation';
import { provincialRoundOf } from '../../helpers/provincial-round';
import type { ProgrammeContinuation } from '../../../workflows/programme/programme.messages';
import { programmeStateIn } from '../../helpers/programme-officials';
import { townViewQuery } from '../../../workflows/town/town.messages';
import { programmeDecider } from '../../../domain/programme';
import { townDecider } from '../../../domain/town';
import type { TownRated } from '../../../domain/town';
import type { TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import {
  A1,
  E1,
  pingxiangUpToFirstPlans,
  shanghai,
  type PingxiangScenario,
} from '../../helpers/pingxiang-scenario';

const PROGRAMME = 'ratings-at-the-round';
const LIMIT = 120;

/**
 * Issue 14, item 7: the provincial round ranks the ratings the towns' streams hold when it falls due. A
 * rating recorded before the round whose report has not reached the programme still counts.
 */
describe('the provincial round reads the ratings from the store', () => {
  let world: TimeSkippingWorld;
  let scenario: PingxiangScenario;

  beforeAll(async () => {
    // Pages of two towns, and runs that hand over often: the round spans several pages, and the
    // programme continues as new around it (decision 0066).
    ({ world, scenario } = await pingxiangUpToFirstPlans(
      PROGRAMME,
      { historyLength: LIMIT },
      { rankingPageTowns: 2 },
    ));
  });

  afterAll(async () => {
    await world?.close();
  });

  it('counts a rating in the town stream whose report the programme never received', async () => {
    await scenario.review2027([A1.townId]);
    // Anyuan's rating is in its stream, recorded as its workflow would; the report to the programme
    // that would follow it is not sent.
    const [last] = await world.store.readStream(townDecider.streamOf(A1.townId), {
      direction: 'backwards',
      maxCount: 1,
    });
    const data: TownRated['data'] = {
      year: 2027,
      rating: 'excellent',
      score: 97,
      basis: 'assessment',
      assessment: '2027 review on site',
      landSupportYear: 2028,
      provincialCandidate: true,
      consequence: 'continue',
    };
    await world.store.append(
      townDecider.streamOf(A1.townId),
      [
        {
          id: '5f0b7a52-8a53-4d27-9d6e-3a3c1f6e2a01',
          type: 'TownRated',
          data,
          metadata: {
            actor: { userId: 'office-1', seat: 'joint-meeting-office' },
            causationId: 'rating-in-flight',
            correlationId: 'rating-in-flight',
          },
          occurredAt: new Date(await world.env.currentTimeMs()).toISOString(),
        },
      ],
      last?.streamVersion ?? -1,
    );
    expect((await scenario.officials.reportedRatings())[A1.townId]).toBeUndefined();

    await world.advanceTo(shanghai('2028-01-02T10:00:00'));
    await world.settle();

    const recorded = await world.store.readStream(programmeDecider.streamOf(PROGRAMME));
    const round = provincialRoundOf(recorded, 2027);
    // Anyuan (97) now ranks before the development zone's town (95), which reported by signal.
    const ranks = new Map(round?.recommended.map((town) => [town.townId, town.rank]));
    expect(ranks.get(A1.townId)).toBeLessThan(ranks.get(E1.townId) ?? 0);
  });

  it('records the round in pages of two, tells every town ranked, and hands over its members through the store', async () => {
    const recorded = await world.store.readStream(programmeDecider.streamOf(PROGRAMME));
    const round = provincialRoundOf(recorded, 2027);
    const listed = (await programmeStateIn(world.store, PROGRAMME)).listedTowns.map((town) => town.townId);
    expect(round?.pages).toBe(Math.ceil(listed.length / 2));
    expect(round?.pages).toBeGreaterThan(1);
    expect(round?.ranking.map((candidate) => candidate.townId).sort()).toEqual([...listed].sort());
    // Every page's towns heard of the round and recorded it. Not Anyuan, whose workflow never saw the
    // rating this test put in its stream, nor a town rated unqualified, which is leaving the programme.
    const told = (round?.ranking ?? []).filter(
      ({ townId, rating }) => townId !== A1.townId && rating !== 'unqualified',
    );
    expect(told.length).toBeGreaterThan(3);
    for (const { townId } of told) {
      const town = await scenario.officials.townHandle(townId).query(townViewQuery);
      expect({ townId, decided: town.state.provincial.decidedYears }).toEqual({ townId, decided: [2027] });
    }
    const continued = await continuationOf<ProgrammeContinuation>(scenario.officials.programmeHandle());
    expect(continued?.position.state.reviewCycles.find((cycle) => cycle.year === 2027)?.status).toBe(
      'recommendation-decided',
    );
    expect(continued?.position.state).not.toHaveProperty('provincialRound');
    // The members stayed in the stream: the run was handed their counts and hash, and read them back.
    expect(continued?.position.state.listedTowns).toEqual([]);
    expect(continued?.members).toMatchObject({
      listedTowns: listed.length,
      recommended: round?.recommended.length,
    });
    expect(listed.length).toBeGreaterThan(4);
  });
});

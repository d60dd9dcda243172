import { programmeDecider } from '../../../domain/programme';
import { townDecider } from '../../../domain/town';
import type { ProvincialRecommendationsDecided } from '../../../domain/programme';
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

/**
 * Issue 14, item 7: the provincial round ranks the ratings the towns' streams hold when it falls due. A
 * rating recorded before the round whose report has not reached the programme still counts.
 */
describe('the provincial round reads the ratings from the store', () => {
  let world: TimeSkippingWorld;
  let scenario: PingxiangScenario;

  beforeAll(async () => {
    ({ world, scenario } = await pingxiangUpToFirstPlans(PROGRAMME));
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
    expect((await scenario.officials.programmeView()).ratings[A1.townId]).toBeUndefined();

    await world.advanceTo(shanghai('2028-01-02T10:00:00'));
    await world.settle();

    const round = (await world.store.readStream(programmeDecider.streamOf(PROGRAMME))).find(
      (event) => event.type === 'ProvincialRecommendationsDecided',
    )?.data as ProvincialRecommendationsDecided['data'] | undefined;
    expect(round?.ranking.find((candidate) => candidate.townId === A1.townId)).toMatchObject({
      rating: 'excellent',
      score: 97,
      eligible: true,
    });
    // Anyuan (97) now ranks before the development zone's town (95), which reported by signal.
    const ranks = new Map(round?.recommended.map((town) => [town.townId, town.rank]));
    expect(ranks.get(A1.townId)).toBeLessThan(ranks.get(E1.townId) ?? 0);
  });
});

import type { RecommendationCandidate } from '../domain/programme';
import { townDecider } from '../domain/town';
import type { TownRated } from '../domain/town';
import type { EventStore } from '../infra/event-store/event-store.port';
import { whileRunning } from './while-running';

export interface ReadTownRatingsInput {
  readonly townIds: readonly string[];
  /** Ratings of later years cannot change this round's ranking, so they are left out. */
  readonly throughYear: number;
}

export type TownRatings = RecommendationCandidate['ratingsByYear'];

/** Events per read of one town's stream: a town records a few dozen a year. */
const PAGE_SIZE = 500;

/**
 * The ratings of a round, as the store holds them when the round is decided: the towns' own records,
 * not the reports they sent the programme (which may still be on their way). This read is the round's
 * cut-off (docs/decisions/0063-ratings-read-at-the-round.md); its result is in the programme's history,
 * so a replay decides the same round.
 */
export function createTownRatingsActivities(store: EventStore) {
  const ratingsOf = async (townId: string, throughYear: number): Promise<TownRatings> => {
    const ratings: Record<string, { rating: string; score: number | null }> = {};
    for (let fromVersion = 0; ; fromVersion += PAGE_SIZE) {
      const page = await store.readStream(townDecider.streamOf(townId), { fromVersion, maxCount: PAGE_SIZE });
      for (const event of page) {
        if (event.type !== 'TownRated') continue;
        const { year, rating, score } = event.data as TownRated['data'];
        if (year <= throughYear) ratings[String(year)] = { rating, score };
      }
      if (page.length < PAGE_SIZE) return ratings;
    }
  };
  return {
    async readTownRatings(input: ReadTownRatingsInput): Promise<Record<string, TownRatings>> {
      return whileRunning(async () => {
        const byTown: Record<string, TownRatings> = {};
        for (const townId of input.townIds) byTown[townId] = await ratingsOf(townId, input.throughYear);
        return byTown;
      });
    },
  };
}

export type TownRatingsActivities = ReturnType<typeof createTownRatingsActivities>;

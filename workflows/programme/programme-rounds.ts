/**
 * What the programme's facts set off in other workflows: a batch to start, and the rounds every active
 * town must hear of (its yearly review, the provincial recommendation, the final acceptance).
 */
import { uuid4 } from '@temporalio/workflow';
import { townDecider } from '../../domain/town';
import type { ProgrammeEvent, ProgrammeState, RecommendationCandidate } from '../../domain/programme';
import { ratingsReader } from '../shared/activity-proxies';
import type { StepMeta } from '../shared/stream-command-runner';
import type { RelayableTownCommand } from '../town/town.messages';
import type { ProgrammeOutgoing, ReportedRatings } from './programme.messages';

export function effectsOf(
  events: readonly ProgrammeEvent[],
  state: ProgrammeState,
  meta: StepMeta,
  from: string,
): ProgrammeOutgoing[] {
  const relay = (townId: string, command: RelayableTownCommand): ProgrammeOutgoing => ({
    kind: 'relay',
    workflowId: townDecider.streamOf(townId),
    relay: { command, from, commandId: uuid4(), correlationId: meta.correlationId },
  });
  return events.flatMap((event): ProgrammeOutgoing[] => {
    if (event.type === 'ProgrammeBatchOpened') return [{ kind: 'start-batch', ...event.data }];
    if (event.type === 'ReviewCycleOpened') {
      const { year, towns } = event.data;
      return towns.map((townId) => relay(townId, { type: 'OpenYearlyReview', data: { year } }));
    }
    if (event.type === 'ProvincialRecommendationsDecided') {
      const { reviewYear, recommended, notRecommended, ranking } = event.data;
      // Exited towns are not told: their support has ended and they take no more steps.
      return ranking
        .filter((candidate) => !state.exitedTowns.includes(candidate.townId))
        .map((candidate) => {
          const rank = recommended.find((town) => town.townId === candidate.townId)?.rank ?? null;
          // A town not put forward hears why, so its own history says so.
          const reason = notRecommended.find((town) => town.townId === candidate.townId)?.reason;
          return relay(candidate.townId, {
            type: 'RecordProvincialRecommendation',
            data: { reviewYear, recommended: rank !== null, rank, ...(reason ? { reason } : {}) },
          });
        });
    }
    if (event.type === 'FinalAcceptanceRoundStarted') {
      return event.data.towns.map((townId) => relay(townId, { type: 'StartFinalAcceptance', data: {} }));
    }
    return [];
  });
}

/**
 * Every listed town with the ratings it reported, and whether the province has listed it: the ranking
 * records each one and why it ranks so.
 */
export function recommendationCandidates(
  state: ProgrammeState,
  ratings: ReportedRatings,
  listedByProvince: readonly string[] = [],
): RecommendationCandidate[] {
  return state.listedTowns.map(({ townId }) => ({
    townId,
    ratingsByYear: ratings[townId] ?? {},
    ...(listedByProvince.includes(townId) ? { listedByProvince: true } : {}),
  }));
}

/**
 * The ratings towns reported, one entry added per report in place (copying the whole map per report
 * cost time in the square of the towns).
 */
export class ReportedRatingsMemory {
  private readonly byTown = new Map<string, Record<string, { rating: string; score: number | null }>>();

  constructor(from: ReportedRatings = {}) {
    for (const [townId, byYear] of Object.entries(from)) this.byTown.set(townId, { ...byYear });
  }

  add(report: { townId: string; year: number; rating: string; score: number | null }): void {
    const { townId, year, rating, score } = report;
    const byYear = this.byTown.get(townId) ?? {};
    byYear[String(year)] = { rating, score };
    this.byTown.set(townId, byYear);
  }

  all(): ReportedRatings {
    return Object.fromEntries(this.byTown);
  }
}

/**
 * Towns per read of their ratings: a result stays near 160 KiB (a town's ratings over three years are
 * about 160 bytes), far under Temporal's 512 KiB warning, at any number of towns (bench:scale).
 */
export const RATINGS_READ_PAGE = 1_000;

/** The towns' ratings through a year, as their streams hold them now, read a page of towns at a time. */
export async function ratingsOfTowns(
  townIds: readonly string[],
  throughYear: number,
): Promise<ReportedRatings> {
  const ratings: Record<string, ReportedRatings[string]> = {};
  for (let start = 0; start < townIds.length; start += RATINGS_READ_PAGE) {
    const page = townIds.slice(start, start + RATINGS_READ_PAGE);
    Object.assign(ratings, await ratingsReader.readTownRatings({ townIds: page, throughYear }));
  }
  return ratings;
}

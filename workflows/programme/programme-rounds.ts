/**
 * What the programme's facts set off in other workflows: a batch to start, and the rounds every active
 * town must hear of (its yearly review, the provincial recommendation, the final acceptance).
 */
import { uuid4 } from '@temporalio/workflow';
import { townName } from '../../domain/shared/entity-names';
import type { ProgrammeEvent, ProgrammeState, RecommendationCandidate } from '../../domain/programme';
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
    workflowId: townName(townId),
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

export function withRating(
  ratings: ReportedRatings,
  report: { townId: string; year: number; rating: string; score: number | null },
): ReportedRatings {
  const { townId, year, rating, score } = report;
  return { ...ratings, [townId]: { ...ratings[townId], [String(year)]: { rating, score } } };
}

import type { TownState } from '../../../domain/town/town.state';
import type { TownProgressDto } from './town-progress.dto';

/** Reviews year by year with their rating and land support, and the checks, exit and acceptance. */
export function townProgress(townId: string, state: TownState, asOfPosition: bigint): TownProgressDto {
  const years = [
    ...new Set([
      ...state.reviews.map((review) => review.year),
      ...Object.keys(state.ratingsByYear).map(Number),
    ]),
  ].sort((a, b) => a - b);
  return {
    townId,
    weightedScore: state.weightedScore,
    reviews: years.map((year) => {
      const review = state.reviews.find((candidate) => candidate.year === year);
      const rated = state.ratingsByYear[year];
      return {
        year,
        status: review?.status ?? 'rated',
        opensAt: review?.opensAt ?? '',
        statisticsDueAt: review?.statisticsDueAt ?? '',
        extended: review?.extended ?? false,
        rating: rated?.rating ?? null,
        score: rated?.score ?? null,
        basis: rated?.basis ?? null,
        landSupportEntitled: state.landSupport.entitledYears.includes(year),
        landSupportGranted: state.landSupport.grantedYears.includes(year),
      };
    }),
    progressCheck: { ...state.progressCheck },
    provincial: { ...state.provincial, decidedYears: [...state.provincial.decidedYears] },
    observation: state.observation ? { ...state.observation } : null,
    exit: state.exit ? { ...state.exit } : null,
    acceptance: state.acceptance
      ? {
          startedAt: state.acceptance.startedAt,
          inspections: state.acceptance.inspections.map((inspection) => ({ ...inspection })),
          opinion: state.acceptance.opinion ? { ...state.acceptance.opinion } : null,
          outcome: state.acceptance.outcome,
        }
      : null,
    asOfPosition: asOfPosition.toString(),
  };
}

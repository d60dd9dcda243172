/**
 * Dynamic supervision (§IV.3): the yearly review, its rating and the rating's effects: land support,
 * observation (where the pack has it) or exit.
 */
import { isAfter, isBefore } from '../calendar/instant';
import { dueWithinDays, dueWithinMonths } from '../calendar/deadline';
import { shanghaiYearOf } from '../calendar/shanghai-calendar';
import { findRating, holidayRule, ratingForScore } from '../policy/policy-rules';
import type { RatingRule } from '../policy/policy-pack.schema';
import { requireOwnCounty, requireReached } from '../shared/command-rules';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type {
  GrantLandSupport,
  GrantStatisticsExtension,
  OpenYearlyReview,
  RateMissingStatisticsUnqualified,
  RateTown,
  RecordObservationRecheck,
  SubmitYearlyStatistics,
} from './town.commands';
import type { TownEvent } from './town.events';
import { exitEvents, requireActive, requireReview, townNotActive } from './town.guards';
import { projectFigures } from './town-projects.handlers';
import type { ReviewState, TownState } from './town.state';

export function openYearlyReview(
  command: OpenYearlyReview,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireActive(state);
  const review = requireReview(state, command.data.year);
  if (review.status !== 'scheduled') return [];
  requireReached(ctx.now, review.opensAt, `yearly-review:${review.year}`);
  return [
    { type: 'YearlyReviewOpened', data: { year: review.year, statisticsDueAt: review.statisticsDueAt } },
  ];
}

/** The review of `year` is open and still waits for the county's statistics. */
function requireAwaitingStatistics(review: ReviewState): void {
  if (review.status === 'scheduled') throw refuse('REVIEW_NOT_OPEN', { year: review.year });
  if (review.status === 'rated') throw refuse('REVIEW_ALREADY_RATED', { year: review.year });
  if (review.status === 'statistics-submitted')
    throw refuse('STATISTICS_ALREADY_SUBMITTED', { year: review.year });
}

export function submitYearlyStatistics(
  command: SubmitYearlyStatistics,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireActive(state);
  requireOwnCounty(ctx, state.county ?? '');
  const review = requireReview(state, command.data.year);
  requireAwaitingStatistics(review);
  if (isAfter(ctx.now, review.statisticsDueAt)) {
    throw refuse('STATISTICS_DEADLINE_PASSED', { year: review.year, dueAt: review.statisticsDueAt });
  }
  const { statistics } = command.data;
  // Where the pack says so and the town's projects are registered, their figures are the ones the
  // statistics carry: typed again, they could only disagree.
  const fromProjects = ctx.policy.measures?.statisticsFromProjects === true && state.projects.length > 0;
  if (fromProjects && command.data.projectProgress !== undefined) {
    throw refuse('PROJECT_PROGRESS_FROM_PROJECTS', { field: 'projectProgress' });
  }
  const projectProgress = fromProjects ? projectFigures(state) : command.data.projectProgress;
  if (projectProgress === undefined) throw refuse('PROJECT_PROGRESS_REQUIRED', { field: 'projectProgress' });
  const figures: [string, number][] = [
    ...Object.entries(statistics),
    ...Object.entries(projectProgress as unknown as Record<string, number>).map(
      ([key, value]): [string, number] => [`projectProgress.${key}`, value],
    ),
  ];
  const bad = figures.find(([, value]) => !Number.isFinite(value) || value < 0);
  if (bad) throw refuse('STATISTICS_INVALID', { field: bad[0] });
  return [
    {
      type: 'YearlyStatisticsSubmitted',
      data: {
        year: review.year,
        statistics: { ...statistics },
        projectProgress: { ...projectProgress },
        ...(fromProjects ? { projectProgressFrom: 'projects' as const } : {}),
      },
    },
  ];
}

/** Silent in the document; the pack's default: the office may extend once by its number of days. */
export function grantStatisticsExtension(
  command: GrantStatisticsExtension,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireActive(state);
  const review = requireReview(state, command.data.year);
  requireAwaitingStatistics(review);
  const { extensionDays } = ctx.policy.yearlyReview.missingStatistics;
  if (extensionDays === 0 || review.extended) {
    throw refuse('EXTENSION_NOT_ALLOWED', { extensionDays, alreadyExtended: review.extended });
  }
  return [
    {
      type: 'StatisticsDeadlineExtended',
      data: {
        year: review.year,
        previousDueAt: review.statisticsDueAt,
        statisticsDueAt: dueWithinDays(review.statisticsDueAt, extensionDays, holidayRule(ctx.policy)),
      },
    },
  ];
}

/** The rating and everything the pack attaches to it. */
function ratingEvents(
  state: TownState,
  ctx: DecisionContext,
  year: number,
  rating: RatingRule,
  score: number | null,
  assessment: string | null,
): TownEvent[] {
  const rated: TownEvent = {
    type: 'TownRated',
    data: {
      year,
      rating: rating.code,
      score,
      basis: score === null ? 'missing-statistics' : 'assessment',
      assessment,
      landSupportYear: rating.landSupport
        ? year + (ctx.policy.yearlyReview.landSupportYearOffset ?? 1)
        : null,
      provincialCandidate: rating.provincialCandidate,
      consequence: rating.consequence,
    },
  };
  switch (rating.consequence) {
    case 'continue':
      return [rated];
    case 'exit':
      return [rated, ...exitEvents(state, ctx, 'rating', year)];
    case 'observation': {
      // A second failing rating while already on the list leaves no room for another re-check.
      if (state.observation) return [rated, ...exitEvents(state, ctx, 'rated-again-under-observation', year)];
      const months = ctx.policy.yearlyReview.observation?.recheckWithinMonths ?? 12;
      const recheckDueAt = dueWithinMonths(ctx.now, months, holidayRule(ctx.policy));
      return [rated, { type: 'TownPlacedUnderObservation', data: { year, recheckDueAt } }];
    }
    default: {
      const _exhaustive: never = rating.consequence;
      return _exhaustive;
    }
  }
}

export function rateTown(command: RateTown, state: TownState, ctx: DecisionContext): TownEvent[] {
  requireActive(state);
  const review = requireReview(state, command.data.year);
  if (review.status === 'scheduled') throw refuse('REVIEW_NOT_OPEN', { year: review.year });
  if (review.status === 'rated') throw refuse('REVIEW_ALREADY_RATED', { year: review.year });
  if (review.status === 'open') throw refuse('STATISTICS_MISSING', { year: review.year });
  const { score, assessment } = command.data;
  if (!Number.isFinite(score) || score < 0 || score > 100) throw refuse('SCORE_INVALID', { score });
  return ratingEvents(state, ctx, review.year, ratingForScore(ctx.policy, score), score, assessment);
}

/** Silent in the document; the pack's default: no statistics by the (extended) due date is rated unqualified. */
export function rateMissingStatistics(
  command: RateMissingStatisticsUnqualified,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireActive(state);
  const review = requireReview(state, command.data.year);
  if (review.status === 'scheduled') throw refuse('REVIEW_NOT_OPEN', { year: review.year });
  if (review.status !== 'open') return [];
  requireReached(ctx.now, review.statisticsDueAt, `yearly-statistics:${review.year}`);
  const rating = findRating(ctx.policy, ctx.policy.yearlyReview.missingStatistics.rating);
  if (!rating) throw new RangeError('The pack schema guarantees the missing-statistics rating exists');
  return ratingEvents(state, ctx, review.year, rating, null, null);
}

export function grantLandSupport(
  command: GrantLandSupport,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  if (state.status === 'none' || state.status === 'applied' || state.status === 'not-listed') {
    throw refuse('TOWN_NOT_LISTED');
  }
  const { year } = command.data;
  if (state.exit && !isBefore(ctx.now, state.exit.supportEndsAt)) {
    throw refuse('SUPPORT_ENDED', { supportEndsAt: state.exit.supportEndsAt });
  }
  if (!state.landSupport.entitledYears.includes(year)) throw refuse('LAND_SUPPORT_NOT_ENTITLED', { year });
  if (state.landSupport.grantedYears.includes(year)) throw refuse('LAND_SUPPORT_ALREADY_GRANTED', { year });
  return [{ type: 'LandSupportGranted', data: { year, ...landGranted(command, ctx) } }];
}

/**
 * §III.4 "足额保障": what was granted, not only that it was — the area (亩) and the land bureau's
 * document, required where the pack records them, kept where they are given anyway.
 */
function landGranted(
  command: GrantLandSupport,
  ctx: DecisionContext,
): { areaMu?: number; reference?: string } {
  const { areaMu, reference } = command.data;
  const required = ctx.policy.measures?.landGrantArea === true;
  if (areaMu === undefined && reference === undefined && !required) return {};
  if (areaMu === undefined || !Number.isFinite(areaMu) || areaMu <= 0) {
    throw refuse('LAND_AREA_REQUIRED', { field: 'areaMu' });
  }
  if (reference === undefined || reference.trim() === '')
    throw refuse('LAND_AREA_REQUIRED', { field: 'reference' });
  return { areaMu, reference: reference.trim() };
}

export function recordObservationRecheck(
  command: RecordObservationRecheck,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireActive(state);
  if (!state.observation) throw refuse('NOT_UNDER_OBSERVATION');
  const { passed, findings } = command.data;
  if (passed) return [{ type: 'ObservationLifted', data: { findings, recheckHeld: true } }];
  return exitEvents(state, ctx, 'observation-recheck-failed', shanghaiYearOf(ctx.now));
}

export function expireObservationRecheck(state: TownState, ctx: DecisionContext): TownEvent[] {
  requireActive(state);
  if (!state.observation) return [];
  requireReached(ctx.now, state.observation.recheckDueAt, 'observation-recheck');
  const onMissing = ctx.policy.yearlyReview.observation?.onRecheckMissing ?? 'lift';
  if (onMissing === 'lift') {
    return [{ type: 'ObservationLifted', data: { findings: 'not re-checked in time', recheckHeld: false } }];
  }
  return exitEvents(state, ctx, 'observation-recheck-missed', shanghaiYearOf(ctx.now));
}

/** 1 January after an exit: support ends, and a reward still unpaid goes with it. */
export function endTownSupport(state: TownState, ctx: DecisionContext): TownEvent[] {
  if (state.status !== 'exited' || !state.exit) throw townNotActive(state.status);
  if (state.exit.supportEnded) return [];
  requireReached(ctx.now, state.exit.supportEndsAt, 'support-ends');
  return [
    {
      type: 'TownSupportEnded',
      data: {
        supportEndsAt: state.exit.supportEndsAt,
        landSupportYears: [...state.landSupport.grantedYears],
      },
    },
    ...state.rewards
      .filter((reward) => reward.status === 'due')
      .map((reward): TownEvent => ({
        type: 'RewardForfeited',
        data: { reward: reward.reward, amountYuan: reward.amountYuan, reason: 'support-ended' },
      })),
  ];
}

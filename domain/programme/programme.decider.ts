/**
 * decide for the programme: its calendar from the pack, the towns listed and exited (which the
 * quota of later batches and the final round depend on), and the provincial recommendation rounds.
 */
import { isInstant, normaliseInstant } from '../calendar/instant';
import { parseLocalDate } from '../calendar/shanghai-calendar';
import { batchCalendar, finalAcceptanceStartsAt, findCounty, reviewCalendar } from '../policy/policy-rules';
import { requireReached, requireSeat } from '../shared/command-rules';
import { decideReminder } from '../shared/deadline-reminders';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type {
  DecideProvincialRecommendations,
  OpenProgrammeBatch,
  OpenReviewCycle,
  ProgrammeCommand,
  RecordBatchList,
  RecordBatchListPage,
  CloseBatchList,
  RecordTownExit,
  StartProgramme,
} from './programme.commands';
import type { NotRecommendedReason, ProgrammeEvent } from './programme.events';
import { programmeCommandSeats } from './programme.permissions';
import {
  activeTowns,
  initialProgrammeState,
  type ProgrammeBatchState,
  ProgrammeState,
} from './programme.state';
import { MAX_LIST_PAGE_TOWNS } from '../batch/batch-list-pages';
import { evolveProgramme } from './programme.evolve';
import { type Decider, keyInStream } from '../shared/decider';
import { rankCandidates } from './provincial-ranking';
import {
  decideRankingPage,
  decideRoundClose,
  notRecommendedReason,
  recommendationCap,
  requireRoundDue,
  roundTarget,
} from './provincial-round-pages';

function requireRunning(state: ProgrammeState): void {
  if (state.status === 'not-started') throw refuse('PROGRAMME_NOT_STARTED');
  if (state.status === 'closed') throw refuse('PROGRAMME_CLOSED');
}

function startProgramme(
  command: StartProgramme,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  if (state.status !== 'not-started') throw refuse('PROGRAMME_ALREADY_STARTED');
  if (command.data.programmeId.trim() === '') throw refuse('REFERENCE_REQUIRED', { field: 'programmeId' });
  const { policy } = ctx;
  const firstListingYear = Math.min(
    ...policy.batches.map((batch) => parseLocalDate(batch.listPublishedBy).year),
  );
  const reviewCycles = [];
  for (
    let year = firstListingYear + policy.yearlyReview.firstYearOffset;
    year <= policy.yearlyReview.lastReviewYear;
    year += 1
  ) {
    reviewCycles.push(reviewCalendar(policy, year));
  }
  return [
    {
      type: 'ProgrammeStarted',
      data: {
        programmeId: command.data.programmeId,
        batches: policy.batches.map((batch) => batchCalendar(policy, batch)),
        reviewCycles,
        finalAcceptanceStartsAt: finalAcceptanceStartsAt(policy),
        provincialRecommendation: {
          minTowns: policy.provincialRecommendation.minTowns,
          maxTowns: policy.provincialRecommendation.maxTowns,
        },
      },
    },
  ];
}

function openBatch(
  command: OpenProgrammeBatch,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  const batch = knownBatch(state, command.data.batchId);
  if (batch.status !== 'scheduled') return [];
  requireReached(ctx.now, batch.opensAt, `batch-opens:${batch.batchId}`);
  // The towns that hold a county's places: every town listed before, or, where the pack says an exit
  // gives the place back, those still in the programme.
  const exitFrees = ctx.policy.quota.exitFreesPlace === true;
  const priorListedByCounty: Record<string, string[]> = {};
  for (const town of state.listedTowns) {
    if (exitFrees && state.exitedTowns.includes(town.townId)) continue;
    priorListedByCounty[town.county] = [...(priorListedByCounty[town.county] ?? []), town.townId];
  }
  return [{ type: 'ProgrammeBatchOpened', data: { batchId: batch.batchId, priorListedByCounty } }];
}

function recordBatchList(
  command: RecordBatchList,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  const batch = batchBeingListed(state, command.data.batchId);
  const listed = inCounties(ctx, command.data.listed);
  return [{ type: 'BatchListRecorded', data: { batchId: batch.batchId, listed } }];
}

/** A batch of the running programme. */
function knownBatch(state: ProgrammeState, batchId: string): ProgrammeBatchState {
  requireRunning(state);
  const batch = state.batches.find((candidate) => candidate.batchId === batchId);
  if (!batch) throw refuse('BATCH_UNKNOWN', { field: 'batchId', batchId });
  return batch;
}

/** The batch a list is recorded for: known, opened, its list not yet whole. */
function batchBeingListed(state: ProgrammeState, batchId: string): ProgrammeBatchState {
  const batch = knownBatch(state, batchId);
  if (batch.status === 'scheduled') throw refuse('BATCH_NOT_OPEN');
  if (batch.status === 'listed') throw refuse('LIST_ALREADY_PUBLISHED');
  return batch;
}

/** The listed towns with their counties as the pack codes them; a county it does not know is refused. */
function inCounties(
  ctx: DecisionContext,
  towns: readonly { readonly townId: string; readonly county: string }[],
): { townId: string; county: string }[] {
  return towns.map((town) => {
    const county = findCounty(ctx.policy, town.county);
    if (!county) throw refuse('COUNTY_UNKNOWN', { field: 'county', value: town.county });
    return { townId: town.townId, county: county.code };
  });
}

function recordBatchListPage(
  command: RecordBatchListPage,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  const { batchId, page } = command.data;
  const recorded = state.batches.find((candidate) => candidate.batchId === batchId)?.listPages?.pages ?? 0;
  // A page recorded already (a retried step) changes nothing; one ahead of the next is refused.
  if (page < recorded) return [];
  const batch = batchBeingListed(state, batchId);
  if (page > recorded) throw refuse('LIST_PAGE_OUT_OF_ORDER', { expected: recorded, page });
  const { length } = command.data.listed;
  if (length === 0 || length > MAX_LIST_PAGE_TOWNS)
    throw refuse('LIST_PAGE_SIZE', { maxTowns: MAX_LIST_PAGE_TOWNS, towns: length });
  const listed = inCounties(ctx, command.data.listed);
  return [{ type: 'BatchListPageRecorded', data: { batchId: batch.batchId, page, listed } }];
}

function closeBatchList(command: CloseBatchList, state: ProgrammeState): ProgrammeEvent[] {
  const { batchId, pages, towns, batchPagesDigest } = command.data;
  const batch = batchBeingListed(state, batchId);
  const recorded = batch.listPages ?? { pages: 0, towns: 0 };
  if (recorded.pages !== pages || recorded.towns !== towns)
    throw refuse('BATCH_LIST_PAGES_MISSING', {
      batchId,
      pages: recorded.pages,
      towns: recorded.towns,
      expectedPages: pages,
      expectedTowns: towns,
    });
  return [{ type: 'BatchListClosed', data: { batchId, pages, towns, batchPagesDigest } }];
}

function recordTownExit(command: RecordTownExit, state: ProgrammeState): ProgrammeEvent[] {
  requireRunning(state);
  const { townId, supportEndsAt } = command.data;
  if (!state.listedTowns.some((town) => town.townId === townId)) throw refuse('TOWN_NOT_LISTED', { townId });
  if (state.exitedTowns.includes(townId)) return [];
  if (!isInstant(supportEndsAt))
    throw refuse('INVALID_INSTANT', { field: 'supportEndsAt', value: supportEndsAt });
  return [{ type: 'TownExitRecorded', data: { townId, supportEndsAt: normaliseInstant(supportEndsAt) } }];
}

function openReviewCycle(
  command: OpenReviewCycle,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  requireRunning(state);
  const cycle = state.reviewCycles.find((candidate) => candidate.year === command.data.year);
  if (!cycle) throw refuse('REVIEW_YEAR_NOT_SCHEDULED', { year: command.data.year });
  if (cycle.status !== 'scheduled') return [];
  requireReached(ctx.now, cycle.opensAt, `review-cycle-opens:${cycle.year}`);
  return [{ type: 'ReviewCycleOpened', data: { year: cycle.year, towns: activeTowns(state) } }];
}

function decideRecommendations(
  command: DecideProvincialRecommendations,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  requireRunning(state);
  const { reviewYear } = command.data;
  requireRoundDue(state, reviewYear, ctx.now);
  const seen = new Set<string>();
  const candidates = command.data.candidates.filter((candidate) => {
    if (!state.listedTowns.some((town) => town.townId === candidate.townId)) {
      throw refuse('TOWN_NOT_LISTED', { townId: candidate.townId });
    }
    const fresh = !seen.has(candidate.townId);
    seen.add(candidate.townId);
    return fresh;
  });
  const ranking = rankCandidates(ctx.policy, reviewYear, candidates);
  const rules = ctx.policy.provincialRecommendation;
  const cap = recommendationCap(ctx.policy);
  const again = rules.recommendAgain ?? 'never';
  const recommendedBefore = new Set(state.recommended.map((town) => town.townId));
  let places = cap === null ? Number.POSITIVE_INFINITY : Math.max(0, cap - recommendedBefore.size);
  const listedByProvince = new Set(
    candidates
      .filter((candidate) => candidate.listedByProvince === true)
      .map((candidate) => candidate.townId),
  );
  const recommended: { townId: string; rank: number }[] = [];
  const notRecommended: { townId: string; reason: NotRecommendedReason }[] = [];
  for (const candidate of ranking) {
    const before = recommendedBefore.has(candidate.townId);
    const reason = notRecommendedReason(candidate, {
      exited: state.exitedTowns.includes(candidate.townId),
      listedByProvince: listedByProvince.has(candidate.townId),
      recommendedBefore: before,
      again,
      placesLeft: places,
    });
    if (reason) {
      notRecommended.push({ townId: candidate.townId, reason });
    } else {
      recommended.push({ townId: candidate.townId, rank: recommended.length + 1 });
      if (!before) places -= 1;
    }
  }
  const totalRecommended = new Set([...recommendedBefore, ...recommended.map((town) => town.townId)]).size;
  const decided = { reviewYear, ranking, recommended, notRecommended, totalRecommended };
  return [
    {
      type: 'ProvincialRecommendationsDecided',
      data: { ...decided, ...roundTarget(ctx.policy, totalRecommended, listedByProvince.size) },
    },
  ];
}

function startFinalAcceptanceRound(state: ProgrammeState, ctx: DecisionContext): ProgrammeEvent[] {
  requireRunning(state);
  if (state.status === 'final-acceptance') return [];
  requireReached(ctx.now, state.finalAcceptanceStartsAt ?? ctx.now, 'final-acceptance');
  return [{ type: 'FinalAcceptanceRoundStarted', data: { towns: activeTowns(state) } }];
}

function closeProgramme(state: ProgrammeState, ctx: DecisionContext): ProgrammeEvent[] {
  if (state.status === 'closed') return [];
  if (state.status !== 'final-acceptance') throw refuse('FINAL_ACCEPTANCE_NOT_STARTED');
  return [{ type: 'ProgrammeClosed', data: { closedAt: ctx.now } }];
}

export function decideProgramme(
  command: ProgrammeCommand,
  state: ProgrammeState,
  context: DecisionContext,
): ProgrammeEvent[] {
  const seats = (programmeCommandSeats as Partial<Record<string, readonly string[]>>)[command.type];
  if (!seats) throw refuse('COMMAND_UNKNOWN', { type: command.type });
  if (!isInstant(context.now)) throw refuse('INVALID_INSTANT', { field: 'now', value: context.now });
  const ctx: DecisionContext = { ...context, now: normaliseInstant(context.now) };
  requireSeat(ctx, programmeCommandSeats[command.type], command.type);
  switch (command.type) {
    case 'StartProgramme':
      return startProgramme(command, state, ctx);
    case 'OpenProgrammeBatch':
      return openBatch(command, state, ctx);
    case 'RecordBatchList':
      return recordBatchList(command, state, ctx);
    case 'RecordBatchListPage':
      return recordBatchListPage(command, state, ctx);
    case 'CloseBatchList':
      return closeBatchList(command, state);
    case 'RecordTownExit':
      return recordTownExit(command, state);
    case 'OpenReviewCycle':
      return openReviewCycle(command, state, ctx);
    case 'DecideProvincialRecommendations':
      return decideRecommendations(command, state, ctx);
    case 'RecordProvincialRankingPage':
      requireRunning(state);
      return decideRankingPage(command, state, ctx);
    case 'CloseProvincialRound':
      requireRunning(state);
      return decideRoundClose(command, state, ctx);
    case 'StartFinalAcceptanceRound':
      return startFinalAcceptanceRound(state, ctx);
    case 'CloseProgramme':
      return closeProgramme(state, ctx);
    case 'SendDeadlineReminder':
      return decideReminder(command, state.deadlines, state.remindersSent, ctx);
    default: {
      const _exhaustive: never = command;
      throw refuse('COMMAND_UNKNOWN', { type: (_exhaustive as { type?: unknown }).type });
    }
  }
}

/** The programme: one stream and one workflow per installation's programme, `programme-<programmeId>`. */
export const programmeDecider: Decider<
  ProgrammeState,
  ProgrammeCommand,
  ProgrammeEvent,
  [programmeId: string]
> = {
  initialState: initialProgrammeState,
  decide: decideProgramme,
  evolve: evolveProgramme,
  streamOf: (programmeId) => `programme-${programmeId}`,
  recognises: (stream) => keyInStream('programme', stream),
};

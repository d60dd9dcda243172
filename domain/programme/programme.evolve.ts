import { compareInstants } from '../calendar/instant';
import type { DeadlineReminderSent } from '../shared/deadline-reminders';
import { evolveWithDeadlines, unknownEventKeeps } from '../shared/evolve-with-deadlines';
import type { ProgrammeEvent } from './programme.events';
import type { ProgrammeDeadline, ProgrammeState } from './programme.state';
import { compareText } from '../shared/text-order';
import { afterPage } from './provincial-round-pages';

function programmeDeadlines(state: ProgrammeState): ProgrammeDeadline[] {
  if (state.status !== 'running') return [];
  const deadlines: ProgrammeDeadline[] = [];
  for (const batch of state.batches) {
    if (batch.status === 'scheduled') {
      deadlines.push({
        name: `batch-opens:${batch.batchId}`,
        dueAt: batch.opensAt,
        command: { type: 'OpenProgrammeBatch', data: { batchId: batch.batchId } },
      });
    }
  }
  for (const cycle of state.reviewCycles) {
    if (cycle.status === 'scheduled') {
      deadlines.push({
        name: `review-cycle-opens:${cycle.year}`,
        dueAt: cycle.opensAt,
        command: { type: 'OpenReviewCycle', data: { year: cycle.year } },
      });
    } else if (cycle.status === 'opened') {
      deadlines.push({
        name: `provincial-recommendation:${cycle.year}`,
        dueAt: cycle.ratingDueAt,
        command: {
          type: 'DecideProvincialRecommendations',
          data: { reviewYear: cycle.year, candidates: [] },
        },
      });
    }
  }
  if (state.finalAcceptanceStartsAt) {
    deadlines.push({
      name: 'final-acceptance',
      dueAt: state.finalAcceptanceStartsAt,
      command: { type: 'StartFinalAcceptanceRound', data: {} },
    });
  }
  return deadlines.sort((a, b) => compareInstants(a.dueAt, b.dueAt) || compareText(a.name, b.name));
}

function apply(state: ProgrammeState, event: Exclude<ProgrammeEvent, DeadlineReminderSent>): ProgrammeState {
  switch (event.type) {
    case 'ProgrammeStarted':
      return {
        ...state,
        status: 'running',
        programmeId: event.data.programmeId,
        batches: event.data.batches.map((batch) => ({ ...batch, status: 'scheduled' })),
        reviewCycles: event.data.reviewCycles.map((cycle) => ({ ...cycle, status: 'scheduled' })),
        finalAcceptanceStartsAt: event.data.finalAcceptanceStartsAt,
      };
    case 'ProgrammeBatchOpened':
      return {
        ...state,
        batches: state.batches.map((batch) =>
          batch.batchId === event.data.batchId ? { ...batch, status: 'opened' } : batch,
        ),
      };
    case 'BatchListRecorded':
      return {
        ...state,
        batches: state.batches.map((batch) =>
          batch.batchId === event.data.batchId ? { ...batch, status: 'listed' } : batch,
        ),
        listedTowns: [
          ...state.listedTowns,
          ...event.data.listed.map((town) => ({ ...town, batchId: event.data.batchId })),
        ],
      };
    case 'BatchListPageRecorded': {
      const { batchId, page, listed } = event.data;
      return {
        ...state,
        batches: state.batches.map((batch) =>
          batch.batchId === batchId
            ? {
                ...batch,
                listPages: { pages: page + 1, towns: (batch.listPages?.towns ?? 0) + listed.length },
              }
            : batch,
        ),
        listedTowns: [...state.listedTowns, ...listed.map((town) => ({ ...town, batchId }))],
      };
    }
    case 'BatchListClosed':
      return {
        ...state,
        batches: state.batches.map((batch) =>
          batch.batchId === event.data.batchId ? { ...batch, status: 'listed' } : batch,
        ),
      };
    case 'TownExitRecorded':
      return { ...state, exitedTowns: [...state.exitedTowns, event.data.townId] };
    case 'ReviewCycleOpened':
      return {
        ...state,
        reviewCycles: state.reviewCycles.map((cycle) =>
          cycle.year === event.data.year ? { ...cycle, status: 'opened' } : cycle,
        ),
      };
    case 'ProvincialRecommendationsDecided':
      return {
        ...state,
        reviewCycles: state.reviewCycles.map((cycle) =>
          cycle.year === event.data.reviewYear ? { ...cycle, status: 'recommendation-decided' } : cycle,
        ),
        recommended: [
          ...state.recommended,
          ...event.data.recommended.map((town) => ({ ...town, reviewYear: event.data.reviewYear })),
        ],
      };
    case 'ProvincialRankingPageRecorded':
      return {
        ...state,
        provincialRound: afterPage(state, event.data),
        recommended: [
          ...state.recommended,
          ...event.data.recommended.map((town) => ({ ...town, reviewYear: event.data.reviewYear })),
        ],
      };
    case 'ProvincialRoundClosed': {
      const { provincialRound: _closed, ...rest } = state;
      return {
        ...rest,
        reviewCycles: state.reviewCycles.map((cycle) =>
          cycle.year === event.data.reviewYear ? { ...cycle, status: 'recommendation-decided' } : cycle,
        ),
      };
    }
    case 'FinalAcceptanceRoundStarted':
      return { ...state, status: 'final-acceptance' };
    case 'ProgrammeClosed':
      return { ...state, status: 'closed' };
    default:
      return unknownEventKeeps(state, event);
  }
}

export const evolveProgramme = evolveWithDeadlines<ProgrammeState, ProgrammeEvent, ProgrammeDeadline>(
  apply,
  programmeDeadlines,
);

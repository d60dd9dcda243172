import type { DeadlineReminderSent } from '../shared/deadline-reminders';
import { evolveWithDeadlines, unknownEventKeeps } from '../shared/evolve-with-deadlines';
import { afterListPage } from './batch-list-pages';
import type { BatchEvent } from './batch.events';
import type { BatchDeadline, BatchState } from './batch.state';

function batchDeadlines(state: BatchState): BatchDeadline[] {
  if (state.status === 'open' && state.closesAt) {
    return [
      {
        name: 'application-window',
        dueAt: state.closesAt,
        command: { type: 'CloseApplicationWindow', data: {} },
      },
    ];
  }
  if ((state.status === 'closed' || state.status === 'list-decided') && state.listDueAt) {
    return [{ name: 'list-publication', dueAt: state.listDueAt, command: null }];
  }
  return [];
}

function apply(state: BatchState, event: Exclude<BatchEvent, DeadlineReminderSent>): BatchState {
  switch (event.type) {
    case 'BatchOpened': {
      const { batchId, opensAt, closesAt, listDueAt, priorListedByCounty } = event.data;
      return { ...state, status: 'open', batchId, opensAt, closesAt, listDueAt, priorListedByCounty };
    }
    case 'ApplicationReceived':
      return { ...state, applications: [...state.applications, event.data] };
    case 'ApplicationWindowClosed':
      return { ...state, status: 'closed' };
    case 'DefenceScored': {
      const { townId, scores, weightedScore, conditions } = event.data;
      const score =
        conditions === undefined ? { scores, weightedScore } : { scores, weightedScore, conditions };
      return { ...state, scores: { ...state.scores, [townId]: score } };
    }
    case 'ListDecided':
      return { ...state, status: 'list-decided', listed: event.data.listed, notListed: event.data.notListed };
    case 'ListPublished':
    case 'ListPagesPublished':
      return { ...state, status: 'published', publishedAt: event.data.publishedAt };
    case 'ListPageRecorded':
      return {
        ...state,
        listed: [...state.listed, ...event.data.listed],
        notListed: [...state.notListed, ...event.data.notListed],
        listPages: afterListPage(state, event.data),
      };
    case 'ListClosed':
      return { ...state, status: 'list-decided' };
    default:
      return unknownEventKeeps(state, event);
  }
}

export const evolveBatch = evolveWithDeadlines<BatchState, BatchEvent, BatchDeadline>(apply, batchDeadlines);

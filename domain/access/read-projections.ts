/**
 * What of a batch or of the programme a read narrowed to one county shows (`read.permissions.ts`,
 * `own-county`): that county's towns only — their applications, scores, places on a list, exits,
 * ratings and provincial ranks — and everything that names no town (the calendar, statuses, deadlines).
 */
import type { BatchState } from '../batch/batch.state';
import type { ProgrammeDeadline, ProgrammeState } from '../programme/programme.state';
import type { ReadScope } from './authorize';

function only<T extends { readonly townId: string }>(items: readonly T[], townIds: ReadonlySet<string>): T[] {
  return items.filter((item) => townIds.has(item.townId));
}

function onlyKeys<T>(record: Readonly<Record<string, T>>, keep: (key: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keep(key)));
}

export function batchStateFor(state: BatchState, scope: ReadScope): BatchState {
  const { county } = scope;
  if (county === undefined) return state;
  const own = new Set(
    [...state.applications, ...state.listed, ...state.notListed]
      .filter((town) => town.county === county)
      .map((town) => town.townId),
  );
  return {
    ...state,
    applications: only(state.applications, own),
    scores: onlyKeys(state.scores, (townId) => own.has(townId)),
    listed: only(state.listed, own),
    notListed: only(state.notListed, own),
    priorListedByCounty: onlyKeys(state.priorListedByCounty, (code) => code === county),
    ...(state.listPages
      ? {
          listPages: {
            ...state.listPages,
            listedByCounty: onlyKeys(state.listPages.listedByCounty, (code) => code === county),
          },
        }
      : {}),
  };
}

/** The programme's state, and anything kept beside it by town id (the ratings towns reported). */
export function programmeStateFor<R>(
  view: { readonly state: ProgrammeState; readonly ratings: Readonly<Record<string, R>> },
  scope: ReadScope,
): { state: ProgrammeState; ratings: Record<string, R> } {
  const { state } = view;
  const { county } = scope;
  if (county === undefined) return { state, ratings: { ...view.ratings } };
  const own = new Set(state.listedTowns.filter((town) => town.county === county).map((town) => town.townId));
  return {
    state: {
      ...state,
      listedTowns: only(state.listedTowns, own),
      exitedTowns: state.exitedTowns.filter((townId) => own.has(townId)),
      recommended: only(state.recommended, own),
      deadlines: state.deadlines.map((deadline) => deadlineFor(deadline, own)),
    },
    ratings: onlyKeys(view.ratings, (townId) => own.has(townId)),
  };
}

/** A recommendation round's deadline carries the candidates' ratings once they are gathered. */
function deadlineFor(deadline: ProgrammeDeadline, own: ReadonlySet<string>): ProgrammeDeadline {
  const { command } = deadline;
  if (command.type !== 'DecideProvincialRecommendations') return deadline;
  return {
    ...deadline,
    command: { ...command, data: { ...command.data, candidates: only(command.data.candidates, own) } },
  };
}

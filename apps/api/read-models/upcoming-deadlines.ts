import { compareInstants, isOnOrAfter, isOnOrBefore } from '../../../domain/calendar/instant';
import type { ProgrammeReadModels } from './read-models';

export interface UpcomingDeadline {
  readonly scope: 'town' | 'batch' | 'programme';
  /** The town id, batch id or programme id. */
  readonly subjectId: string;
  readonly subjectName: string | null;
  /** The town's county; null for batch and programme deadlines, which concern every county. */
  readonly county: string | null;
  readonly name: string;
  readonly dueAt: string;
  /** The command the scheduler sends when it falls due; null when a person has to act. */
  readonly fires: string | null;
}

export interface DeadlineWindow {
  readonly from: string;
  readonly until: string;
  /** Only this county's towns (and the deadlines that concern every county). */
  readonly county?: string;
}

/** Every pending deadline of towns, batches and the programme that falls due inside the window. */
export function upcomingDeadlines(models: ProgrammeReadModels, window: DeadlineWindow): UpcomingDeadline[] {
  const all: UpcomingDeadline[] = [
    ...models.towns().flatMap(({ townId, state }) =>
      state.deadlines.map((deadline) => ({
        scope: 'town' as const,
        subjectId: townId,
        subjectName: state.name,
        county: state.county,
        name: deadline.name,
        dueAt: deadline.dueAt,
        fires: deadline.command.type,
      })),
    ),
    ...models.batches().flatMap(({ stream, state }) =>
      state.deadlines.map((deadline) => ({
        scope: 'batch' as const,
        subjectId: state.batchId ?? stream,
        subjectName: null,
        county: null,
        name: deadline.name,
        dueAt: deadline.dueAt,
        fires: deadline.command?.type ?? null,
      })),
    ),
    ...models.programmes().flatMap(({ stream, state }) =>
      state.deadlines.map((deadline) => ({
        scope: 'programme' as const,
        subjectId: state.programmeId ?? stream,
        subjectName: null,
        county: null,
        name: deadline.name,
        dueAt: deadline.dueAt,
        fires: deadline.command.type,
      })),
    ),
  ];
  return all
    .filter(
      (deadline) =>
        isOnOrAfter(deadline.dueAt, window.from) &&
        isOnOrBefore(deadline.dueAt, window.until) &&
        (window.county === undefined || deadline.county === null || deadline.county === window.county),
    )
    .sort((a, b) => compareInstants(a.dueAt, b.dueAt) || a.subjectId.localeCompare(b.subjectId));
}

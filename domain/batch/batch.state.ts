import type { BatchCommand } from './batch.commands';
import type { Application, ListedTown, NotListedTown } from './batch.events';
import type { KeepsDeadlines } from '../shared/deadline-reminders';

export type BatchStatus = 'not-opened' | 'open' | 'closed' | 'list-decided' | 'published';

/** `command: null` is a reminder only: a person has to act (the joint meeting publishes its list). */
export interface BatchDeadline {
  readonly name: string;
  readonly dueAt: string;
  readonly command: BatchCommand | null;
}

/** A list being recorded in pages, or recorded so (docs/decisions/0069): what the next page needs. */
export interface ListPages {
  readonly pages: number;
  readonly towns: number;
  /** Towns listed by the pages so far, in all and per county (the quota and the batch's cap). */
  readonly listed: number;
  readonly listedByCounty: Readonly<Record<string, number>>;
  /** SHA-256 chain over the pages recorded (see `ListClosed`). */
  readonly digest: string;
}

export interface BatchState extends KeepsDeadlines<BatchDeadline> {
  readonly status: BatchStatus;
  readonly batchId: string | null;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly listDueAt: string | null;
  readonly priorListedByCounty: Readonly<Record<string, readonly string[]>>;
  readonly applications: readonly Application[];
  readonly scores: Readonly<
    Record<
      string,
      {
        scores: Readonly<Record<string, number>>;
        weightedScore: number;
        conditions?: Readonly<Record<string, boolean>>;
      }
    >
  >;
  readonly listed: readonly ListedTown[];
  readonly notListed: readonly NotListedTown[];
  readonly publishedAt: string | null;
  /** Present once a list is being recorded in pages; absent for lists decided in one step. */
  readonly listPages?: ListPages;
}

export const initialBatchState: BatchState = {
  status: 'not-opened',
  batchId: null,
  opensAt: null,
  closesAt: null,
  listDueAt: null,
  priorListedByCounty: {},
  applications: [],
  scores: {},
  listed: [],
  notListed: [],
  publishedAt: null,
  deadlines: [],
  remindersSent: {},
};

/** Towns a county has in the programme: listed earlier, plus applied (or listed) in this batch. */
export function countyTownCount(state: BatchState, county: string): number {
  const prior = state.priorListedByCounty[county]?.length ?? 0;
  return prior + state.applications.filter((application) => application.county === county).length;
}

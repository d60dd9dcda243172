import type { ProgrammeCommand } from './programme.commands';
import type { KeepsDeadlines } from '../shared/deadline-reminders';
import type { RankedCandidate } from './programme.events';

export type ProgrammeStatus = 'not-started' | 'running' | 'final-acceptance' | 'closed';

export interface ProgrammeBatchState {
  readonly batchId: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly listDueAt: string;
  readonly status: 'scheduled' | 'opened' | 'listed';
  /** A list recorded in pages (decision 0069): pages and towns so far; absent otherwise. */
  readonly listPages?: { readonly pages: number; readonly towns: number };
}

export interface ReviewCycleState {
  readonly year: number;
  readonly opensAt: string;
  readonly statisticsDueAt: string;
  readonly ratingDueAt: string;
  readonly status: 'scheduled' | 'opened' | 'recommendation-decided';
}

/** At `dueAt` the scheduler sends `command` as seat `system` (filling a recommendation's candidates). */
export interface ProgrammeDeadline {
  readonly name: string;
  readonly dueAt: string;
  readonly command: ProgrammeCommand;
}

/** A provincial round being recorded in pages (docs/decisions/0066): only what the next page needs. */
export interface ProvincialRoundInProgress {
  readonly reviewYear: number;
  readonly pages: number;
  readonly towns: number;
  /** Towns recommended by the round's pages so far. */
  readonly recommended: number;
  /** Candidates the province had listed already (the pack's target counts them). */
  readonly listedByProvince: number;
  /** Places still free under the pack's cap; `null` where there is no cap. */
  readonly placesLeft: number | null;
  /** The last town ranked: the next page's first must rank after it. */
  readonly last: RankedCandidate | null;
  /** SHA-256 chain over the pages recorded (see `ProvincialRoundClosed`). */
  readonly digest: string;
}

export interface ProgrammeState extends KeepsDeadlines<ProgrammeDeadline> {
  readonly status: ProgrammeStatus;
  readonly programmeId: string | null;
  readonly batches: readonly ProgrammeBatchState[];
  readonly reviewCycles: readonly ReviewCycleState[];
  readonly finalAcceptanceStartsAt: string | null;
  readonly listedTowns: readonly { townId: string; county: string; batchId: string }[];
  readonly exitedTowns: readonly string[];
  readonly recommended: readonly { townId: string; reviewYear: number; rank: number }[];
  /** Absent in states carried over by runs from before rounds were recorded in pages. */
  readonly provincialRound?: ProvincialRoundInProgress | null;
}

export const initialProgrammeState: ProgrammeState = {
  status: 'not-started',
  programmeId: null,
  batches: [],
  reviewCycles: [],
  finalAcceptanceStartsAt: null,
  listedTowns: [],
  exitedTowns: [],
  recommended: [],
  deadlines: [],
  remindersSent: {},
};

/** Listed towns that have not exited: the ones still reviewed and, at the end, accepted or not. */
export function activeTowns(state: ProgrammeState): string[] {
  return state.listedTowns.map((town) => town.townId).filter((townId) => !state.exitedTowns.includes(townId));
}

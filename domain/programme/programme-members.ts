/**
 * The programme's lists that grow with its towns (listed, exited, recommended): a run continued as new
 * carries their counts and hash, and reads them back from the programme's stream (decision 0067).
 */
import { summariseLists } from '../shared/list-summary';
import type { ProgrammeState } from './programme.state';

export type ProgrammeMembers = Pick<ProgrammeState, 'listedTowns' | 'exitedTowns' | 'recommended'>;

/** What stands for the members in a continue-as-new input. */
export interface MembersSummary {
  readonly listedTowns: number;
  readonly exitedTowns: number;
  readonly recommended: number;
  /** SHA-256 of the three lists' canonical JSON, in order. */
  readonly digest: string;
}

export function membersOf(state: ProgrammeState): ProgrammeMembers {
  const { listedTowns, exitedTowns, recommended } = state;
  return { listedTowns, exitedTowns, recommended };
}

export function summariseMembers(members: ProgrammeMembers): MembersSummary {
  const { listedTowns, exitedTowns, recommended } = members;
  return summariseLists({ listedTowns, exitedTowns, recommended });
}

/** The state without its members, as a continue-as-new input carries it. */
export function withoutMembers(state: ProgrammeState): ProgrammeState {
  return { ...state, listedTowns: [], exitedTowns: [], recommended: [] };
}

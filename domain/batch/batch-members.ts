/**
 * The batch's collections that grow with its applicants (applications, defence scores, towns listed and
 * not listed): a run continued as new carries their counts and hash, and reads them back from the
 * batch's stream (decision 0097).
 */
import { summariseLists, type ListsSummary } from '../shared/list-summary';
import type { BatchState } from './batch.state';

export type BatchMembers = Pick<BatchState, 'applications' | 'scores' | 'listed' | 'notListed'>;

/** What stands for the members in a continue-as-new input. */
export type BatchMembersSummary = ListsSummary<keyof BatchMembers>;

/** One applicant's defence scores, as an entry of `scores` (a page of the map is a list of these). */
export type BatchScoreEntry = [townId: string, score: BatchState['scores'][string]];

export function batchMembersOf(state: BatchState): BatchMembers {
  const { applications, scores, listed, notListed } = state;
  return { applications, scores, listed, notListed };
}

export function summariseBatchMembers(members: BatchMembers): BatchMembersSummary {
  // Only the four collections, whatever else the object holds: the digest is over exactly these.
  const { applications, scores, listed, notListed } = members;
  return summariseLists({ applications, scores, listed, notListed });
}

/** The state without its members, as a continue-as-new input carries it. */
export function withoutBatchMembers(state: BatchState): BatchState {
  return { ...state, applications: [], scores: {}, listed: [], notListed: [] };
}

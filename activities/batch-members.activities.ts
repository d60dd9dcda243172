import { batchDecider, batchMembersOf, type BatchMembers, type BatchScoreEntry } from '../domain/batch';
import type { EventStore } from '../infra/event-store/event-store.port';
import { membersInPages } from './members-in-pages';
import type { MembersPageInput } from './state-through-version';
import { whileRunning } from './while-running';

export type ReadBatchMembersInput = MembersPageInput;

/** A page of each of the batch's members; the scores as entries, in the order the fold recorded them. */
export interface BatchMembersPage {
  readonly applications: BatchMembers['applications'];
  readonly scores: readonly BatchScoreEntry[];
  readonly listed: BatchMembers['listed'];
  readonly notListed: BatchMembers['notListed'];
  /** The ids of the stream's events through the version: the ones the batch's runs appended. */
  readonly eventIds: readonly string[];
}

/** Pages of the batch's members through a version, its stream folded once per take-over. */
export function batchMembersPages(
  store: EventStore,
): (input: ReadBatchMembersInput) => Promise<BatchMembersPage> {
  return membersInPages(store, batchDecider, ({ state, eventIds }): BatchMembersPage => {
    const { applications, scores, listed, notListed } = batchMembersOf(state);
    return { applications, scores: Object.entries(scores), listed, notListed, eventIds };
  });
}

/**
 * The batch's members as its own stream holds them through a version (docs/decisions/0097): a run
 * continued as new reads them back a page at a time instead of receiving them in its input.
 */
export function createBatchMembersActivities(store: EventStore) {
  const pageOfMembers = batchMembersPages(store);
  return {
    async readBatchMembers(input: ReadBatchMembersInput): Promise<BatchMembersPage> {
      return whileRunning(() => pageOfMembers(input));
    },
  };
}

export type BatchMembersActivities = ReturnType<typeof createBatchMembersActivities>;

import { batchDecider, batchMembersOf, type BatchMembers, type BatchScoreEntry } from '../domain/batch';
import type { EventStore } from '../infra/event-store/event-store.port';
import { foldThroughVersion, pageOf, type MembersPageInput } from './state-through-version';
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

/**
 * The batch's members as its own stream holds them through a version (docs/decisions/0097): a run
 * continued as new reads them back a page at a time instead of receiving them in its input.
 */
export function createBatchMembersActivities(store: EventStore) {
  return {
    async readBatchMembers(input: ReadBatchMembersInput): Promise<BatchMembersPage> {
      return whileRunning(async () => {
        const { state, eventIds } = await foldThroughVersion(
          store,
          batchDecider,
          input.stream,
          input.throughVersion,
        );
        const members = batchMembersOf(state);
        return {
          applications: pageOf(members.applications, input),
          scores: pageOf(Object.entries(members.scores), input),
          listed: pageOf(members.listed, input),
          notListed: pageOf(members.notListed, input),
          eventIds: pageOf(eventIds, input),
        };
      });
    },
  };
}

export type BatchMembersActivities = ReturnType<typeof createBatchMembersActivities>;

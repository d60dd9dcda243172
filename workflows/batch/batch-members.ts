/**
 * A batch's members across continue-as-new (docs/decisions/0097): the run that hands over carries
 * the counts and hash of its applications, scores and lists, and of the ids of the events it appended,
 * instead of them; the next one reads them back from the batch's stream, a page at a time, and checks
 * them against what was carried.
 */
import {
  batchMembersOf,
  summariseBatchMembers,
  withoutBatchMembers,
  type BatchCommand,
  type BatchMembersSummary,
  type BatchState,
} from '../../domain/batch';
import { summariseLists, unlikeSummary, type ListsSummary } from '../../domain/shared/list-summary';
import { storeReader } from '../shared/activity-proxies';
import { goOnFromTheRecord, readMembersBack } from '../shared/members-in-pages';
import type { StreamPosition } from '../shared/stream-step';

/** Patch: the continue-as-new input carries the batch members' summary, not the members. */
export const BATCH_MEMBERS_IN_STORE = 'batch-members-in-store';

/**
 * Entries of each list per read: a result stays under Temporal's 512 KiB warning (bench:scale), and a
 * run taking over 10,000 applications (some 20,000 events) reads about 21 times.
 */
export const BATCH_MEMBERS_READ_PAGE = 1_000;

/** The ids of the events the batch's runs appended (every event of its stream), as a count and hash. */
export type EventIdsSummary = ListsSummary<'recordedEventIds'>;

type Position = StreamPosition<BatchState, BatchCommand>;

export interface BatchHandedOver {
  readonly position: Position;
  readonly members: BatchMembersSummary;
  readonly eventIds: EventIdsSummary;
}

/** The position to hand over, without the members and the event ids, and what stands for them. */
export function handOverBatch(position: Position): BatchHandedOver {
  const { recordedEventIds } = position;
  return {
    position: { ...position, state: withoutBatchMembers(position.state), recordedEventIds: [] },
    members: summariseBatchMembers(batchMembersOf(position.state)),
    eventIds: summariseLists({ recordedEventIds }),
  };
}

/**
 * The position a run continued as new starts from, its members and event ids read back from the stream
 * through the version the last run had folded. What does not match what was carried is logged as an
 * error, and the run goes on from the record (`goOnFromTheRecord`).
 */
export async function takeOverBatch(
  stream: string,
  position: Position,
  carried: { readonly members: BatchMembersSummary; readonly eventIds?: EventIdsSummary },
): Promise<Position> {
  const at = { stream, throughVersion: position.streamVersion };
  const { eventIds, ...read } = await readMembersBack(
    at,
    BATCH_MEMBERS_READ_PAGE,
    storeReader.readBatchMembers,
  );
  const members = { ...read, scores: Object.fromEntries(read.scores) };
  goOnFromTheRecord(unlikeSummary(at, members, carried.members));
  if (!carried.eventIds) return { ...position, state: { ...position.state, ...members } };
  goOnFromTheRecord(unlikeSummary(at, { recordedEventIds: eventIds }, carried.eventIds));
  return { ...position, state: { ...position.state, ...members }, recordedEventIds: eventIds };
}

/**
 * What a batch with N applicants hands Temporal when it continues as new, once its list is recorded:
 * before decision 0097 its whole state; now the state without applications, scores and lists, their
 * counts and hash, and of the ids of the events it appended, and the reads of them the next run makes.
 * Also its view query: the whole state before decision 0098, the state without them and their counts and
 * hash now.
 */
import {
  batchMembersOf,
  summariseBatchMembers,
  withoutBatchMembers,
  type BatchState,
} from '../../domain/batch';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { BATCH_MEMBERS_READ_PAGE, handOverBatch } from '../../workflows/batch/batch-members';

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
const eventIdOf = (index: number): string =>
  `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

export function batchHandOverPayloads(
  policy: PolicyPack,
  state: BatchState,
  events: number,
): Record<string, number> {
  const recordedEventIds = Array.from({ length: events }, (_, index) => eventIdOf(index));
  const position = { state, streamVersion: events - 1, recordedEventIds };
  const input = {
    programmeId: 'bench-scale',
    batchId: state.batchId,
    policy,
    priorListedByCounty: {},
    programmeWorkflowId: 'programme/bench-scale',
    naming: 'unambiguous',
  };
  const members = batchMembersOf(state);
  const view = {
    programmeId: 'bench-scale',
    batchId: state.batchId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: events - 1,
  };
  const page = <T>(list: readonly T[]): T[] => list.slice(0, BATCH_MEMBERS_READ_PAGE);
  return {
    'batch: state once listed (in memory)': bytesOf(state),
    'batch: ids of the events it appended': bytesOf(recordedEventIds),
    'batch: continue-as-new input once listed, before 0097': bytesOf({
      ...input,
      continued: { position, skipped: [], outbox: [] },
    }),
    // Decision 0097's first step: the members left in the stream, the event ids still carried.
    'batch: continue-as-new input once listed, without members': bytesOf({
      ...input,
      continued: {
        position: { ...position, state: withoutBatchMembers(state) },
        members: summariseBatchMembers(members),
        skipped: [],
        outbox: [],
      },
    }),
    'batch: continue-as-new input once listed, now': bytesOf({
      ...input,
      continued: { ...handOverBatch(position), skipped: [], outbox: [] },
    }),
    'batch: one readBatchMembers result, now': bytesOf({
      applications: page(members.applications),
      scores: page(Object.entries(members.scores)),
      listed: page(members.listed),
      notListed: page(members.notListed),
      eventIds: page(recordedEventIds),
    }),
    'batch view query result, before 0098': bytesOf({ ...view, state }),
    'batch view query result, now': bytesOf({
      ...view,
      state: withoutBatchMembers(state),
      members: summariseBatchMembers(members),
    }),
  };
}

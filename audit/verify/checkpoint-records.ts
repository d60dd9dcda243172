/**
 * The checkpoints of a live log are kept in more than one place (infra/audit/checkpoint-sink.ts
 * `teeCheckpointSinks`). Verification reads every place's record and compares them: a checkpoint one
 * record holds and another lacks or holds differently, and a record that is empty or could not be read,
 * are findings of their own (docs/decisions/0023-checkpoint-ledger-and-periodic-checkpointer.md).
 */
import type { BilingualCatalogue } from '../../domain/shared/bilingual-text';
import { type Checkpoint, checkpointDigest } from '../../infra/audit/checkpoint';
import { sameCheckpoint } from '../../infra/audit/checkpoint-sink';

/** The checkpoints one sink holds, as read for verification. */
export interface CheckpointRecord {
  readonly description: string;
  readonly checkpoints: readonly Checkpoint[];
  /** Why the sink could not be read (its checkpoints are then empty). */
  readonly unreadable?: string;
}

export const recordDisagreementCatalogue = {
  CHECKPOINT_MISSING_FROM_RECORD: {
    zh: '检查点只存在于部分记录中：另一处记录缺少它（被删除，或未能写入）',
    en: 'The checkpoint is in one record and missing from another: it was removed there, or never reached it',
  },
  CHECKPOINT_RECORDS_DIFFER: {
    zh: '同一检查点在两处记录中内容不同：其中一处被改写',
    en: 'The same checkpoint differs between two records: one of them was rewritten',
  },
  CHECKPOINT_RECORD_EMPTY: {
    zh: '日志中已有事件，但该检查点记录为空或不存在：没有签名为这些事件担保',
    en: 'The log holds events but this checkpoint record is empty or missing: no signature vouches for them',
  },
  CHECKPOINT_RECORD_UNREADABLE: {
    zh: '无法读取已配置的检查点记录，核验不完整',
    en: 'A configured checkpoint record could not be read: verification is incomplete',
  },
} as const satisfies BilingualCatalogue;

export type RecordDisagreementCode = keyof typeof recordDisagreementCatalogue;

/** Two places that should hold the same checkpoint do not. */
export interface RecordDisagreement {
  readonly code: RecordDisagreementCode;
  /** The checkpoint's sequence number; null for what concerns a whole record. */
  readonly checkpoint: number | null;
  /** Where the checkpoint ends in the log (decimal), as the first record holding it says; or null. */
  readonly position: string | null;
  /** The record taken as the reference for this checkpoint: the first that holds it. */
  readonly heldBy: string;
  /** The record that lacks it, or holds something else. */
  readonly record: string;
  /** The two checkpoints' digests (checkpoint.ts `checkpointDigest`), or signatures when only those differ. */
  readonly expected?: string;
  readonly actual?: string;
  readonly message: string;
}

/**
 * What is wrong with whole records: one that could not be read, and one that holds no checkpoint while
 * the log holds events (an emptied or deleted file, a ledger never written). Either way verification
 * cannot say the log is what was sealed.
 */
export function recordDefects(
  records: readonly CheckpointRecord[],
  eventsInLog: number,
): RecordDisagreement[] {
  return records.flatMap((record): RecordDisagreement[] => {
    const base = { checkpoint: null, position: null, heldBy: record.description, record: record.description };
    if (record.unreadable !== undefined) {
      return [
        {
          ...base,
          code: 'CHECKPOINT_RECORD_UNREADABLE',
          message: `${record.description} could not be read: ${record.unreadable}`,
        },
      ];
    }
    if (record.checkpoints.length === 0 && eventsInLog > 0) {
      return [
        {
          ...base,
          code: 'CHECKPOINT_RECORD_EMPTY',
          message: `${record.description} holds no checkpoint, while the log holds ${eventsInLog} events`,
        },
      ];
    }
    return [];
  });
}

/**
 * Every checkpoint (by sequence number) that some record holds and another lacks or holds differently,
 * in sequence order. The first record holding a checkpoint is the reference the others are compared with.
 */
export function compareCheckpointRecords(records: readonly CheckpointRecord[]): RecordDisagreement[] {
  const bySequence = records.map((record) => {
    const held = new Map<number, Checkpoint>();
    for (const checkpoint of record.checkpoints) {
      if (!held.has(checkpoint.sequence)) held.set(checkpoint.sequence, checkpoint);
    }
    return held;
  });
  const sequences = [...new Set(bySequence.flatMap((held) => [...held.keys()]))].sort((a, b) => a - b);
  const disagreements: RecordDisagreement[] = [];
  for (const sequence of sequences) {
    const referenceIndex = bySequence.findIndex((held) => held.has(sequence));
    const reference = bySequence[referenceIndex]?.get(sequence);
    const heldBy = records[referenceIndex]?.description;
    if (reference === undefined || heldBy === undefined) continue;
    records.forEach((record, index) => {
      if (index === referenceIndex) return;
      const other = bySequence[index]?.get(sequence);
      const base = {
        checkpoint: sequence,
        position: reference.upToPosition,
        heldBy,
        record: record.description,
      };
      if (other === undefined) {
        disagreements.push({
          ...base,
          code: 'CHECKPOINT_MISSING_FROM_RECORD',
          message: `Checkpoint ${sequence} (up to position ${reference.upToPosition}) is in ${heldBy} but not in ${record.description}`,
        });
      } else if (!sameCheckpoint(reference, other)) {
        disagreements.push({
          ...base,
          code: 'CHECKPOINT_RECORDS_DIFFER',
          ...differenceOf(reference, other),
          message: `Checkpoint ${sequence} in ${record.description} is not the one in ${heldBy}`,
        });
      }
    });
  }
  return disagreements;
}

function differenceOf(reference: Checkpoint, other: Checkpoint): { expected: string; actual: string } {
  const expected = checkpointDigest(reference);
  const actual = checkpointDigest(other);
  return expected === actual
    ? { expected: `signature ${reference.signature}`, actual: `signature ${other.signature}` }
    : { expected, actual };
}

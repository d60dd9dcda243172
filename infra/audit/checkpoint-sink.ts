/**
 * Where checkpoints are kept: anywhere but the events table. A sink only appends and reads back, so a new
 * place is one more file implementing this: the JSON-lines file (jsonl-checkpoint-sink.ts) and the
 * checkpoint ledger workflow's history (temporal-checkpoint-sink.ts) are the two there are.
 */
import type { BilingualCatalogue } from '../../domain/shared/bilingual-text';
import { AuditError } from '../../domain/audit/audit.errors';
import { type Checkpoint, checkpointDigest, checkpointSigningText } from './checkpoint';

export interface CheckpointSink {
  /** For messages: where the checkpoints are. */
  readonly description: string;
  /** Refuses (AuditError `CHECKPOINT_REFUSED`) a checkpoint that does not follow the sink's last one. */
  append(checkpoint: Checkpoint): Promise<void>;
  /** Every checkpoint, oldest first. */
  readAll(): Promise<Checkpoint[]>;
}

/**
 * Writes every checkpoint to all sinks (the first is written first) and reads from the first: the others
 * are copies kept elsewhere, so that losing or editing one place is caught by comparing with another.
 *
 * A copy that missed checkpoints — added after the first ones were made, or unreachable when they were —
 * refuses the next one; it is then given what it missed, in order, from the first sink, provided that
 * what it holds is exactly the start of the first sink's record. A copy that holds anything else is
 * left as it is and the append fails: two records that disagree are for verification to report.
 */
export function teeCheckpointSinks(primary: CheckpointSink, ...copies: CheckpointSink[]): CheckpointSink {
  return {
    description: [primary, ...copies].map((sink) => sink.description).join(' + '),
    append: async (checkpoint) => {
      await primary.append(checkpoint);
      for (const copy of copies) await appendToCopy(copy, checkpoint, primary);
    },
    readAll: () => primary.readAll(),
  };
}

async function appendToCopy(copy: CheckpointSink, checkpoint: Checkpoint, primary: CheckpointSink) {
  try {
    await copy.append(checkpoint);
    return;
  } catch (error) {
    if (!(error instanceof AuditError && error.code === 'CHECKPOINT_REFUSED')) throw error;
  }
  const [held, record] = await Promise.all([copy.readAll(), primary.readAll()]);
  const agrees =
    held.length <= record.length && held.every((item, index) => sameCheckpoint(item, record[index]));
  if (!agrees) {
    throw new AuditError(
      'CHECKPOINT_REFUSED',
      `${copy.description} holds checkpoints that ${primary.description} does not: the records disagree (run verify)`,
    );
  }
  for (const missing of record.slice(held.length)) await copy.append(missing);
}

export function sameCheckpoint(a: Checkpoint, b: Checkpoint | undefined): boolean {
  return (
    b !== undefined && a.signature === b.signature && checkpointSigningText(a) === checkpointSigningText(b)
  );
}

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

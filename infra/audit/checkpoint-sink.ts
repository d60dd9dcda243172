/**
 * Where checkpoints are kept: anywhere but the events table. A sink only appends and reads back, so a new
 * place is one more file implementing this: the JSON-lines file (jsonl-checkpoint-sink.ts) and the
 * checkpoint ledger workflow's history (temporal-checkpoint-sink.ts) are the two there are.
 */
import { AuditError } from '../../domain/audit/audit.errors';
import { type Checkpoint, checkpointSigningText } from './checkpoint';

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
 * Reading answers only when every sink answers and each copy holds the start of the first sink's record.
 * A checkpoint round reads before it signs anything, so a round that could not reach a sink, or would
 * extend records that already disagree, fails before it has written anywhere (docs/decisions/0140).
 *
 * A copy that missed checkpoints — added after the first ones were made, or lost in the moment between
 * the read and the write — refuses the next one; it is then given what it missed, in order, from the
 * first sink, provided that what it holds is exactly the start of the first sink's record. A copy that
 * holds anything else is left as it is and the append fails: two records that disagree are for
 * verification to report.
 */
export function teeCheckpointSinks(primary: CheckpointSink, ...copies: CheckpointSink[]): CheckpointSink {
  return {
    description: [primary, ...copies].map((sink) => sink.description).join(' + '),
    append: async (checkpoint) => {
      await primary.append(checkpoint);
      for (const copy of copies) await appendToCopy(copy, checkpoint, primary);
    },
    readAll: async () => {
      // The copies before the first sink, the reverse of the order a checkpoint is written in: one made
      // meanwhile can then make the first sink longer than a copy, never shorter.
      const held: Checkpoint[][] = [];
      for (const copy of copies) held.push(await copy.readAll());
      const record = await primary.readAll();
      copies.forEach((copy, index) => {
        if (!isStartOf(held[index] ?? [], record)) throw recordsDisagree(copy, primary);
      });
      return record;
    },
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
  if (!isStartOf(held, record)) throw recordsDisagree(copy, primary);
  for (const missing of record.slice(held.length)) await copy.append(missing);
}

/** True when `held` is `record`'s first checkpoints, each exactly as `record` has it. */
function isStartOf(held: readonly Checkpoint[], record: readonly Checkpoint[]): boolean {
  return held.length <= record.length && held.every((item, index) => sameCheckpoint(item, record[index]));
}

function recordsDisagree(copy: CheckpointSink, primary: CheckpointSink): AuditError {
  return new AuditError(
    'CHECKPOINT_REFUSED',
    `${copy.description} holds checkpoints that ${primary.description} does not: the records disagree (run verify)`,
  );
}

export function sameCheckpoint(a: Checkpoint, b: Checkpoint | undefined): boolean {
  return (
    b !== undefined && a.signature === b.signature && checkpointSigningText(a) === checkpointSigningText(b)
  );
}

/**
 * Where checkpoints are kept: anywhere but the events table. A sink only appends and reads back, so a new
 * place (a checkpoints table, the programme workflow's history) is one more file implementing this.
 */
import type { Checkpoint } from './checkpoint';

export interface CheckpointSink {
  /** For messages: where the checkpoints are. */
  readonly description: string;
  append(checkpoint: Checkpoint): Promise<void>;
  /** Every checkpoint, oldest first. */
  readAll(): Promise<Checkpoint[]>;
}

/**
 * Writes every checkpoint to all sinks (the first is written first) and reads from the first: the others
 * are copies kept elsewhere, so that losing or editing one place is caught by comparing with another.
 */
export function teeCheckpointSinks(primary: CheckpointSink, ...copies: CheckpointSink[]): CheckpointSink {
  return {
    description: [primary, ...copies].map((sink) => sink.description).join(' + '),
    append: async (checkpoint) => {
      await primary.append(checkpoint);
      for (const copy of copies) await copy.append(checkpoint);
    },
    readAll: () => primary.readAll(),
  };
}

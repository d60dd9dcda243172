import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditError } from '../../domain/audit/audit.errors';
import {
  type Checkpoint,
  checkpointDigest,
  NO_PREVIOUS_CHECKPOINT,
  parseCheckpointLines,
} from './checkpoint';
import type { CheckpointSink } from './checkpoint-sink';

export const CHECKPOINT_FILE_NAME = 'checkpoints.jsonl';

/**
 * Checkpoints as JSON lines in `<directory>/checkpoints.jsonl`, appended and synced to disk one at a time.
 * The directory belongs on storage the database's owner cannot write (another host, a write-once
 * bucket, a copy sent to the auditors): that separation is what makes the checkpoints worth having.
 *
 * One checkpointer at a time: an append checks that the new checkpoint follows the file's last one, so a
 * second checkpointer racing the first fails instead of forking the chain (the window between the check
 * and the write is what remains; run checkpoints from one place, e.g. one scheduled job).
 */
export class JsonLinesCheckpointSink implements CheckpointSink {
  readonly file: string;
  readonly description: string;

  constructor(readonly directory: string) {
    this.file = join(directory, CHECKPOINT_FILE_NAME);
    this.description = this.file;
  }

  readAll(): Promise<Checkpoint[]> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return Promise.resolve([]);
      throw error;
    }
    return Promise.resolve(parseCheckpointLines(text, this.file));
  }

  async append(checkpoint: Checkpoint): Promise<void> {
    const existing = await this.readAll();
    const last = existing.at(-1);
    const follows = last === undefined ? NO_PREVIOUS_CHECKPOINT : checkpointDigest(last);
    if (checkpoint.previousCheckpointDigest !== follows || checkpoint.sequence !== existing.length + 1) {
      throw new AuditError(
        'CHECKPOINT_REFUSED',
        `Checkpoint ${checkpoint.sequence} does not follow the last one in ${this.file}; was another checkpoint made meanwhile?`,
      );
    }
    mkdirSync(this.directory, { recursive: true });
    const fd = openSync(this.file, 'a', 0o644);
    try {
      appendFileSync(fd, `${JSON.stringify(checkpoint)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

import { AuditError } from '../../../domain/audit/audit.errors';
import { type Checkpoint, checkpointDigest, NO_PREVIOUS_CHECKPOINT } from '../../../infra/audit/checkpoint';
import {
  type CheckpointSink,
  compareCheckpointRecords,
  teeCheckpointSinks,
} from '../../../infra/audit/checkpoint-sink';
import { buildLog, checkpointsOf, roundRobin, testSigningKey } from './chained-log';

/** A sink in memory that refuses, as every sink does, a checkpoint that does not follow its last. */
function memorySink(description: string, initial: readonly Checkpoint[] = []) {
  const held = [...initial];
  let unreachable = false;
  const sink: CheckpointSink = {
    description,
    append: (checkpoint) => {
      if (unreachable) return Promise.reject(new Error(`${description} is unreachable`));
      const last = held.at(-1);
      const follows = last === undefined ? NO_PREVIOUS_CHECKPOINT : checkpointDigest(last);
      if (checkpoint.previousCheckpointDigest !== follows) {
        return Promise.reject(new AuditError('CHECKPOINT_REFUSED', 'does not follow'));
      }
      held.push(checkpoint);
      return Promise.resolve();
    },
    readAll: () => Promise.resolve([...held]),
  };
  return {
    sink,
    held,
    setUnreachable: (value: boolean) => {
      unreachable = value;
    },
  };
}

describe('checkpoints kept in several records', () => {
  const key = testSigningKey();
  const [first, second, third] = checkpointsOf(buildLog(roundRobin(12, 3)), [4, 8, 12], key);

  describe('written through a tee', () => {
    it('go to every sink, and are read back from the first', async () => {
      const file = memorySink('file');
      const ledger = memorySink('ledger');
      const tee = teeCheckpointSinks(file.sink, ledger.sink);
      await tee.append(first!);
      await tee.append(second!);
      expect(file.held).toEqual([first, second]);
      expect(ledger.held).toEqual([first, second]);
      expect(tee.description).toBe('file + ledger');
    });

    it('bring a copy that missed checkpoints up to date, in order', async () => {
      const file = memorySink('file', [first!]);
      const ledger = memorySink('ledger');
      const tee = teeCheckpointSinks(file.sink, ledger.sink);

      await tee.append(second!);

      expect(ledger.held).toEqual([first, second]);
    });

    it('catch a copy up after it was out of reach for a round', async () => {
      const file = memorySink('file');
      const ledger = memorySink('ledger');
      const tee = teeCheckpointSinks(file.sink, ledger.sink);
      await tee.append(first!);
      ledger.setUnreachable(true);
      await expect(tee.append(second!)).rejects.toThrow('ledger is unreachable');
      ledger.setUnreachable(false);

      await tee.append(third!);

      expect(ledger.held).toEqual([first, second, third]);
    });

    it('leave a copy that disagrees as it is, and fail', async () => {
      const altered = { ...first!, createdAt: '2018-03-01T00:00:00.000Z' };
      const file = memorySink('file', [first!]);
      const ledger = memorySink('ledger', [altered]);
      const tee = teeCheckpointSinks(file.sink, ledger.sink);

      await expect(tee.append(second!)).rejects.toMatchObject({
        code: 'CHECKPOINT_REFUSED',
        message: expect.stringContaining('the records disagree') as unknown,
      });
      expect(ledger.held).toEqual([altered]);
    });
  });

  describe('compared', () => {
    it('agree when each holds the same checkpoints', () => {
      expect(
        compareCheckpointRecords([
          { description: 'file', checkpoints: [first!, second!] },
          { description: 'ledger', checkpoints: [first!, second!] },
        ]),
      ).toEqual([]);
    });

    it('name a checkpoint missing from one record, and which record holds it', () => {
      expect(
        compareCheckpointRecords([
          { description: 'file', checkpoints: [first!] },
          { description: 'ledger', checkpoints: [first!, second!, third!] },
        ]),
      ).toEqual([
        expect.objectContaining({
          code: 'CHECKPOINT_MISSING_FROM_RECORD',
          checkpoint: 2,
          position: '8',
          heldBy: 'ledger',
          record: 'file',
        }),
        expect.objectContaining({ code: 'CHECKPOINT_MISSING_FROM_RECORD', checkpoint: 3, record: 'file' }),
      ]);
    });

    it('name a checkpoint rewritten in one record, with both digests', () => {
      const rewritten = { ...second!, count: 9 };
      expect(
        compareCheckpointRecords([
          { description: 'file', checkpoints: [first!, rewritten] },
          { description: 'ledger', checkpoints: [first!, second!] },
        ]),
      ).toEqual([
        expect.objectContaining({
          code: 'CHECKPOINT_RECORDS_DIFFER',
          checkpoint: 2,
          heldBy: 'file',
          record: 'ledger',
          expected: checkpointDigest(rewritten),
          actual: checkpointDigest(second!),
        }),
      ]);
    });

    it('tell apart two checkpoints that differ only in their signature', () => {
      const [disagreement] = compareCheckpointRecords([
        { description: 'file', checkpoints: [{ ...first!, signature: 'AAAA' }] },
        { description: 'ledger', checkpoints: [first!] },
      ]);
      expect(disagreement).toMatchObject({
        code: 'CHECKPOINT_RECORDS_DIFFER',
        expected: 'signature AAAA',
        actual: `signature ${first!.signature}`,
      });
    });
  });
});

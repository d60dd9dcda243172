import { AuditError } from '../../../domain/audit/audit.errors';
import { type Checkpoint, checkpointDigest, NO_PREVIOUS_CHECKPOINT } from '../../../infra/audit/checkpoint';
import { type CheckpointSink, teeCheckpointSinks } from '../../../infra/audit/checkpoint-sink';
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
});

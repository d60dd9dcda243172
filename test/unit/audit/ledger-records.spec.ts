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
    readAll: () =>
      unreachable ? Promise.reject(new Error(`${description} is unreachable`)) : Promise.resolve([...held]),
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

  describe('read through a tee', () => {
    it('come from the first sink once every copy has answered with the start of its record', async () => {
      const file = memorySink('file', [first!, second!]);
      const ledger = memorySink('ledger', [first!]);
      await expect(teeCheckpointSinks(file.sink, ledger.sink).readAll()).resolves.toEqual([first, second]);
    });

    it('fail when a copy cannot be read, so that a round stops before it signs anything', async () => {
      const file = memorySink('file', [first!]);
      const ledger = memorySink('ledger', [first!]);
      ledger.setUnreachable(true);
      await expect(teeCheckpointSinks(file.sink, ledger.sink).readAll()).rejects.toThrow(
        'ledger is unreachable',
      );
    });

    it('fail when a copy holds what the first sink does not', async () => {
      const altered = { ...first!, createdAt: '2018-03-01T00:00:00.000Z' };
      for (const held of [[altered], [first!, second!]]) {
        const file = memorySink('file', [first!]);
        const ledger = memorySink('ledger', held);
        await expect(teeCheckpointSinks(file.sink, ledger.sink).readAll()).rejects.toMatchObject({
          code: 'CHECKPOINT_REFUSED',
          message: expect.stringContaining('the records disagree') as unknown,
        });
      }
    });
  });
});

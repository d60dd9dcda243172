import { compareCheckpointRecords } from '../../../audit/verify/checkpoint-records';
import { checkpointDigest } from '../../../infra/audit/checkpoint';
import { buildLog, checkpointsOf, roundRobin, testSigningKey } from './chained-log';

describe('checkpoints kept in several records', () => {
  const key = testSigningKey();
  const [first, second, third] = checkpointsOf(buildLog(roundRobin(12, 3)), [4, 8, 12], key);

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

import type { Client } from '@temporalio/client';
import { programmeLedger } from '../../../apps/checkpointer/checkpoint-sinks';
import { recordDefects } from '../../../audit/verify/checkpoint-records';
import { readCheckpointRecords } from '../../../audit/verify/verify';

/** No call reaches the server in these tests: the ledger is addressed, not read. */
const client = {} as Client;

describe('the checkpoint ledger an audit job reads', () => {
  it('is the programme’s, by its id, whether or not it was ever started', async () => {
    const ledger = await programmeLedger(client, 'towns', () => Promise.resolve('pingxiang-2017'));
    // The name the CLI's verify reports it by, so the job's report and the CLI's agree.
    expect(ledger.description).toBe('the history of workflow checkpoint-ledger-pingxiang-2017');
  });

  it('is unreadable, never left out, when the worker cannot tell its programme', async () => {
    const ledger = await programmeLedger(client, 'towns', () =>
      Promise.reject(new Error('no programme is recorded in data/programme.json')),
    );
    const records = await readCheckpointRecords([ledger]);
    expect(recordDefects(records, 10)).toEqual([
      expect.objectContaining({
        code: 'CHECKPOINT_RECORD_UNREADABLE',
        record: 'the checkpoint ledger',
        message: expect.stringContaining('no programme is recorded') as unknown,
      }),
    ]);
  });
});

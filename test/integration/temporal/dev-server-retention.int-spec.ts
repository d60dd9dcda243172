import { Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { testHistoryRetentionDays, testTemporal } from '../../helpers/test-env';

/**
 * The dev server's own default keeps a closed run for one day; after that neither finished towns nor
 * the runs a workflow continued-as-new from could be replayed by auditors. The launcher raises it.
 */
describe('the dev server launcher', () => {
  it('keeps closed runs for as long as it is asked to', async () => {
    const { address, namespace } = testTemporal();
    const connection = await Connection.connect({ address });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace });
      const retentionMs = tsToMs(described.config?.workflowExecutionRetentionTtl);
      expect(retentionMs).toBe(testHistoryRetentionDays * 24 * 60 * 60 * 1000);
    } finally {
      await connection.close();
    }
  });
});

import { Client, Connection } from '@temporalio/client';
import { programmeDecider } from '../../../domain/programme';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import { ProgrammeRunFailedError } from '../../../apps/api/programme/programme-run-failed.error';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../../../domain/policy/rehearsal-calendar';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';

/**
 * Issue 14, item 8: a programme whose last run failed is not started again by every start of the
 * system; the start refuses, naming the run and its failure, until the operator names that run.
 */
describe('a programme whose last run failed', () => {
  const temporal = testTemporal();
  // No worker polls this queue: the runs only need to exist and end.
  const taskQueue = uniqueTaskQueue('failed-programme');
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await connection.close();
  });

  it('is refused with the failure named, and restarted only when the operator names the run', async () => {
    const policy = rehearsalOf(pingxiang2017, '2031-03-01');
    const programmeId = `${policy.id}-${taskQueue}`;
    const workflowId = await ensureProgrammeStarted(client, { programmeId, policy, taskQueue });
    const failed = client.workflow.getHandle(workflowId);
    const { runId: failedRun } = await failed.describe();
    await failed.terminate('the store refused the programme start');

    const refusal = await ensureProgrammeStarted(client, { programmeId, policy, taskQueue }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ProgrammeRunFailedError);
    expect(refusal).toMatchObject({ code: 'PROGRAMME_RUN_FAILED', runId: failedRun, status: 'TERMINATED' });
    expect((refusal as Error).message).toContain('the store refused the programme start');
    expect((refusal as Error).message).toContain(`PROGRAMME_RESTART_FAILED_RUN=${failedRun}`);
    // Nothing was started: the failed run is still the last one.
    expect((await client.workflow.getHandle(workflowId).describe()).runId).toBe(failedRun);

    await ensureProgrammeStarted(client, { programmeId, policy, taskQueue, restartFailedRun: failedRun });
    const latest = await client.workflow.getHandle(programmeDecider.streamOf(programmeId)).describe();
    expect(latest.runId).not.toBe(failedRun);
    expect(latest.status.name).toBe('RUNNING');
    await client.workflow.getHandle(workflowId).terminate('test over');
  });
});

import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditJobsConfig } from '../../../infra/audit/audit-jobs-config';
import {
  auditJobFilesWorkflowId,
  type AuditJobInput,
  auditJobWorkflowId,
} from '../../../workflows/audit/audit-job.messages';
import { auditJobWorkflow } from '../../../workflows/audit/audit-job.workflow';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import { testTemporal } from '../../helpers/test-env';

/**
 * A finished job's files are deleted when their retention ends, by a durable timer (decision 0077): on
 * the time-skipping server, two days pass in a moment and the directory is there until they have.
 */
describe('audit job files are kept for their retention, then deleted', () => {
  let world: TimeSkippingWorld;
  let root: string;
  let config: AuditJobsConfig;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'audit-retention-'));
    config = {
      jobsDir: join(root, 'jobs'),
      checkpointDir: join(root, 'checkpoints'),
      checkpointSinks: ['file', 'temporal'],
      publicKeysDir: join(root, 'keys'),
      exportKeyFile: undefined,
    };
    world = await startTimeSkippingWorld({
      workflowBundlePath: testTemporal().workflowBundlePath,
      audit: config,
    });
  });
  afterAll(async () => {
    await world.close();
    rmSync(root, { recursive: true, force: true });
  });

  /**
   * A client that does not skip time while it waits: the test environment's own would skip past the
   * retention as soon as the job's worker is idle, before the test has looked at the files.
   */
  const client = () => new Client({ connection: world.env.connection, namespace: world.env.namespace });
  const skip = (hours: number) => world.env.sleep(hours * 3_600_000);

  const runJob = async (input: AuditJobInput) => {
    const handle = await client().workflow.start(auditJobWorkflow, {
      workflowId: auditJobWorkflowId(input.jobId),
      taskQueue: `${world.taskQueue}-audit`,
      args: [input],
    });
    return handle.result();
  };
  const jobInput = (retention: Pick<AuditJobInput, 'filesRetentionHours'>): AuditJobInput => ({
    jobId: randomUUID(),
    requestedBy: { userId: 'auditor-1', seat: 'auditor' },
    requestedAt: '2027-03-01T00:00:00.000Z',
    job: { kind: 'redecide' },
    ...retention,
  });

  it('deletes the directory once the retention has passed, not before', async () => {
    const input = jobInput({ filesRetentionHours: 48 });
    const result = await runJob(input);
    const report = join(config.jobsDir, input.jobId, 'report.json');
    expect(result.files.map((file) => file.name)).toContain('report.json');
    expect(existsSync(report)).toBe(true);

    await skip(47);
    expect(existsSync(report)).toBe(true);
    const files = client().workflow.getHandle(auditJobFilesWorkflowId(input.jobId));
    expect((await files.describe()).status.name).toBe('RUNNING');

    await skip(2);
    await files.result();
    expect(existsSync(join(config.jobsDir, input.jobId))).toBe(false);
  });

  it('keeps the files of a job started before retention existed', async () => {
    const input = jobInput({});
    await runJob(input);
    await world.advanceTo(new Date(Date.parse(await world.now()) + 400 * 24 * 3_600_000).toISOString());

    expect(existsSync(join(config.jobsDir, input.jobId, 'report.json'))).toBe(true);
    await expect(
      world.client.workflow.getHandle(auditJobFilesWorkflowId(input.jobId)).describe(),
    ).rejects.toThrow(WorkflowNotFoundError);
  });
});

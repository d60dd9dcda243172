/**
 * A replay that names no workflow lists the runs it replays; the time-skipping server of training mode
 * has no visibility API to list them. The API refuses such a job at once (501, as it answers the jobs
 * list), and a job that reaches the worker all the same ends at its first attempt with the same code:
 * asking again never helps, so there is nothing to retry.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { AuditJobsConfig } from '../../../infra/audit/audit-jobs-config';
import {
  type AuditJobInput,
  type AuditJobMemo,
  auditJobWorkflowId,
} from '../../../workflows/audit/audit-job.messages';
import { auditJobWorkflow } from '../../../workflows/audit/audit-job.workflow';
import { startHttpWorld, type HttpWorld } from '../../helpers/http-world';

describe('a replay of every run, on a Temporal server that cannot list them', () => {
  let root: string;
  let system: HttpWorld;
  let auditor: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'replay-no-visibility-'));
    const audit: AuditJobsConfig = {
      jobsDir: join(root, 'jobs'),
      checkpointDir: join(root, 'checkpoints'),
      checkpointSinks: ['file'],
      publicKeysDir: join(root, 'keys'),
      exportKeyFile: undefined,
    };
    system = await startHttpWorld({ audit, training: true });
    auditor = await system.auth.tokenFor({ userId: 'auditor-1', seat: 'auditor' });
  });
  afterAll(async () => {
    await system.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is refused by the API at once, naming what to give instead, and starts no job', async () => {
    const refused = await request(system.http)
      .post('/api/audit/jobs')
      .auth(auditor, { type: 'bearer' })
      .set('Idempotency-Key', 'replay-everything')
      .send({ kind: 'replay' })
      .expect(501);
    expect(refused.body).toMatchObject({ status: 501, code: 'TEMPORAL_FEATURE_UNAVAILABLE' });
    expect(JSON.stringify(refused.body)).toContain('workflowIds');
    // The key found no job to replay: none was started under it.
    await request(system.http)
      .post('/api/audit/jobs')
      .auth(auditor, { type: 'bearer' })
      .set('Idempotency-Key', 'replay-everything')
      .send({ kind: 'replay' })
      .expect(501);
  });

  it('ends a job started all the same at its first attempt, with that code and no retry', async () => {
    const jobId = randomUUID();
    const requestedBy = { userId: 'auditor-1', seat: 'auditor' };
    const job = { kind: 'replay' } as const;
    const memo: AuditJobMemo = { kind: 'replay', requestedBy, request: job, fingerprint: 'direct' };
    const handle = await system.world.client.workflow.start(auditJobWorkflow, {
      workflowId: auditJobWorkflowId(jobId),
      taskQueue: `${system.world.taskQueue}-audit`,
      args: [{ jobId, requestedBy, requestedAt: new Date().toISOString(), job } satisfies AuditJobInput],
      memo: { ...memo },
    });
    await handle.result().catch(() => undefined);

    const answered = await request(system.http)
      .get(`/api/audit/jobs/${jobId}`)
      .auth(auditor, { type: 'bearer' })
      .expect(200);
    expect(answered.body).toMatchObject({
      state: 'failed',
      error: { code: 'TEMPORAL_FEATURE_UNAVAILABLE', message: expect.stringContaining('workflow ids') },
    });
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).flatMap((event) => {
      const started = event.activityTaskStartedEventAttributes;
      return started ? [started.attempt] : [];
    });
    expect(attempts).toEqual([1]);
  });
});

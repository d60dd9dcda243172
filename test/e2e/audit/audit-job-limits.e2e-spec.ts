import request from 'supertest';
import { auditJobWorkflowId } from '../../../workflows/audit/audit-job.messages';
import { type AuditSystem, startAuditSystem } from './audit-system';

/**
 * Audit jobs on a queue of their own, capped per auditor and in all (decision 0077). The audit worker
 * here polls another queue than the API starts jobs on, so every job stays running for as long as the
 * test needs: the caps are reached without racing a job's end, and what the officials do meanwhile
 * shows that jobs waiting for the audit worker hold nothing of theirs.
 */
describe('audit jobs are capped and kept apart from the officials', () => {
  let system: AuditSystem;
  let first: string;
  let second: string;
  let luxi: string;
  const started: string[] = [];
  const post = (path: string, token: string) =>
    request(system.http).post(path).auth(token, { type: 'bearer' });
  const startJob = (token: string) => post('/api/audit/jobs', token).send({ kind: 'verify' });

  beforeAll(async () => {
    system = await startAuditSystem({
      apiScheduling: { maxRunningPerAuditor: 2, maxRunning: 3 },
      workerScheduling: { taskQueue: 'nobody-sends-jobs-here', workerConcurrency: 1 },
    });
    first = await system.auth.tokenFor({ userId: 'auditor-1', seat: 'auditor' });
    second = await system.auth.tokenFor({ userId: 'auditor-2', seat: 'auditor' });
    luxi = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
  });
  afterAll(async () => {
    for (const jobId of started) {
      await system.client.workflow.getHandle(auditJobWorkflowId(jobId)).terminate('test over');
    }
    await system.stop();
    system.remove();
  });

  it('starts jobs on the audit queue, refuses one more per auditor and in all with 429, and replays a retry', async () => {
    const keyed = await startJob(first).set('Idempotency-Key', 'limits-1').expect(202);
    started.push(keyed.body.jobId as string);
    started.push((await startJob(first).expect(202)).body.jobId as string);
    const description = await system.client.workflow.getHandle(auditJobWorkflowId(started[0]!)).describe();
    expect(description.taskQueue).toBe(`${system.taskQueue}-audit`);

    const ownCap = await startJob(first).expect(429);
    expect(ownCap.headers['retry-after']).toBe('30');
    expect(ownCap.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ownCap.body).toMatchObject({ code: 'AUDIT_JOBS_LIMIT_REACHED', status: 429 });
    expect(ownCap.body.detail).toMatch(/2 audit job\(s\) running/);
    expect(ownCap.body.messageZh).toMatch(/审计任务/);

    // Another auditor may start one: the cap in all is 3.
    started.push((await startJob(second).expect(202)).body.jobId as string);
    const allCap = await startJob(second).expect(429);
    expect(allCap.body).toMatchObject({ code: 'AUDIT_JOBS_LIMIT_REACHED' });
    expect(allCap.body.detail).toMatch(/3 audit job\(s\) are running/);

    // A retry of a started job finds it whatever the caps say: it starts nothing.
    const retried = await startJob(first).set('Idempotency-Key', 'limits-1').expect(202);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body.jobId).toBe(keyed.body.jobId);

    const listed = await request(system.http)
      .get('/api/audit/jobs')
      .auth(first, { type: 'bearer' })
      .expect(200);
    expect((listed.body.items as { jobId: string }[]).map((item) => item.jobId).sort()).toEqual(
      [...started].sort(),
    );
  });

  it('answers an official while every job waits for the audit worker', async () => {
    const applied = await post('/api/towns', luxi)
      .send({
        name: '宣风竹海小镇',
        county: '芦溪县',
        kind: 'administrative-town',
        industry: 'leisure-tourism',
        batchId: '2017',
      })
      .expect(201);
    expect(applied.body.townId).toEqual(expect.any(String));
  });

  /** Stops the oldest job still running, and waits until visibility no longer counts it. */
  async function makeRoom(): Promise<void> {
    const stopped = started.shift()!;
    const handle = system.client.workflow.getHandle(auditJobWorkflowId(stopped));
    await handle.terminate('make room');
    // Running jobs are counted from visibility, which shows the stop a moment after it.
    const query = `WorkflowId = '${handle.workflowId}' AND ExecutionStatus = 'Running'`;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if ((await system.client.workflow.count(query)).count === 0) break;
    }
  }

  it('admits a job again once one has stopped', async () => {
    await makeRoom();
    const answer = await startJob(second).expect(202);
    started.push(answer.body.jobId as string);
  });

  it('answers one request sent several times at once with its one job, never with the cap it filled', async () => {
    await makeRoom();
    // Room for exactly one more job in all: the first copy admitted fills it, and the others find it.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => startJob(first).set('Idempotency-Key', 'limits-burst')),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(202));
    const jobIds = new Set(answers.map((answer) => answer.body.jobId as string));
    expect(jobIds.size).toBe(1);
    started.push(...jobIds);
    const replayed = answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true');
    expect(replayed).toHaveLength(5);
  });
});

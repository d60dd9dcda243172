import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import { programmeDecider } from '../../../domain/programme';
import { verifyBundle } from '../../../audit/verify/bundle-verify';
import { loadTrustedKeys } from '../../../infra/audit/keys';
import { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { rewriteWithHashesRecomputed } from '../../integration/audit/forge-log';
import {
  auditJobProgressQuery,
  auditJobWorkflowId,
  type AuditJobInput,
  type AuditJobMemo,
} from '../../../workflows/audit/audit-job.messages';
import { auditJobWorkflow } from '../../../workflows/audit/audit-job.workflow';
import { townHistory } from '../../unit/audit/town-history';
import { mashanApplication } from '../../helpers/http-officials';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract';
import { environmentWithoutDatabase, runAuditCli } from '../../helpers/tool-process';
import { startAuditSystem, type AuditSystem } from './audit-system';
import { townDecider } from '../../../domain/town';

/** The CLI reads and writes more than the API's own calls: a few seconds each on a small machine. */
jest.setTimeout(240_000);

interface JobBody {
  readonly jobId: string;
  readonly url: string;
  readonly state: string;
  readonly result: {
    readonly ok: boolean | null;
    readonly summary: Record<string, unknown>;
    readonly report: Record<string, unknown> | null;
    readonly files: readonly { name: string; bytes: number; sha256: string; url: string }[];
  } | null;
  readonly error: { code: string; message: string } | null;
}

describe('the auditors’ API: what happened, who did it, under which rules, and whether it was altered', () => {
  let system: AuditSystem;
  let contract: OpenApiContract;
  let auditor: string;
  let luxi: string;
  let shangli: string;
  let office: string;
  /** A town whose life (2017–2020) is in the record: listed, paid, rated, exited. */
  const pastTown = randomUUID();
  let appliedTown: string;
  /** What the API answered for the past town at the end of 2018, compared with the CLI's at the end. */
  let stateAtEnd2018: unknown;

  const get = (path: string, token: string) => request(system.http).get(path).auth(token, { type: 'bearer' });
  const post = (path: string, token: string) =>
    request(system.http).post(path).auth(token, { type: 'bearer' });

  /** Checks a response against the API's own OpenAPI document, by the route's template. */
  function conforms(method: 'get' | 'post', template: string, response: request.Response): void {
    expect(contract.check(method, template, response)).toEqual([]);
  }

  async function settled(url: string, timeoutMs = 60_000): Promise<JobBody> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await get(url, auditor).expect(200);
      conforms('get', '/api/audit/jobs/{jobId}', response);
      const job = response.body as JobBody;
      if (job.state !== 'running') return job;
      if (Date.now() > deadline) throw new Error(`${url} still running after ${timeoutMs} ms`);
      await delay(200);
    }
  }

  beforeAll(async () => {
    system = await startAuditSystem();
    const doc = await request(system.http).get('/api/docs-json').expect(200);
    contract = new OpenApiContract(doc.body as OpenApiDocument);
    auditor = await system.auth.tokenFor({ userId: 'auditor-1', seat: 'auditor' });
    luxi = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    shangli = await system.auth.tokenFor({ seat: 'county-official', county: 'shangli' });
    office = await system.auth.tokenFor({ seat: 'joint-meeting-office' });
    await system.store.append(
      townDecider.streamOf(pastTown),
      townHistory(pastTown, '武功山温泉小镇', 'exited'),
      'no_stream',
    );
    const applied = await post('/api/towns', luxi).send(mashanApplication).expect(201);
    appliedTown = applied.body.townId as string;
    await system.checkpoint();
  });
  afterAll(async () => {
    await system.stop();
    system.remove();
  });

  it("gives a town's every event with its actor, rules and hashes, each chain link checkable by hand", async () => {
    const response = await get(`/api/audit/towns/${pastTown}/history`, auditor).expect(200);
    conforms('get', '/api/audit/towns/{townId}/history', response);
    const events = response.body.events as {
      type: string;
      streamVersion: number;
      actor: Record<string, string>;
      causationId: string;
      policy: { id: string; version: string };
      occurredAt: string;
      recordedAt: string;
      contentHash: string;
      chainHash: string;
      logHash: string;
    }[];
    expect(events.map((event) => event.type)).toEqual(
      townHistory(pastTown, '武功山温泉小镇', 'exited').map((event) => event.type),
    );
    expect(events[0]).toMatchObject({
      streamVersion: 0,
      actor: { userId: 'county-official-1', seat: 'county-official', county: 'luxi' },
      causationId: 'command',
      policy: { id: 'pingxiang-2017', version: 'sha256:test' },
      occurredAt: '2017-03-10T02:00:00.000Z',
    });
    // printf '%s%s' "$previous" "$content" | sha256sum (decision 0020)
    let previous = '0'.repeat(64);
    for (const event of events) {
      expect(event.chainHash).toBe(
        createHash('sha256').update(`${previous}${event.contentHash}`).digest('hex'),
      );
      expect(event.logHash).toMatch(/^[0-9a-f]{64}$/);
      previous = event.chainHash;
    }
  });

  it('answers for a past date as the record stands now, or as it stood then', async () => {
    const at2018 = await get(`/api/audit/towns/${pastTown}/state?at=2018-12-31`, auditor).expect(200);
    conforms('get', '/api/audit/towns/{townId}/state', at2018);
    expect(at2018.body).toMatchObject({
      at: '2018-12-31T15:59:59.999Z',
      basis: 'occurred',
      townId: pastTown,
      eventsFolded: 4,
      eventsAfter: 5,
      summary: {
        name: '武功山温泉小镇',
        status: 'planning',
        ratings: [],
        funds: { paid: 500_000, pending: 1_000_000 },
        exit: null,
      },
    });
    stateAtEnd2018 = at2018.body;

    const at2020 = await get(
      `/api/audit/towns/${pastTown}/state?at=2020-06-30T12:00:00%2B08:00`,
      auditor,
    ).expect(200);
    expect(at2020.body.summary).toMatchObject({
      status: 'exited',
      ratings: [
        { year: 2018, rating: '良好', score: 82 },
        { year: 2019, rating: '不合格', score: 51 },
      ],
      funds: { paid: 500_000, forfeited: 1_000_000 },
      exit: { reason: 'rating', year: 2019 },
    });
    // Every event was recorded today: the record said nothing of the town at the end of 2020.
    const recorded = await get(
      `/api/audit/towns/${pastTown}/state?at=2020-12-31&basis=recorded`,
      auditor,
    ).expect(200);
    expect(recorded.body).toMatchObject({ basis: 'recorded', eventsFolded: 0, summary: { status: 'none' } });
  });

  it('answers for the whole programme, and gives each kind of decision as CSV naming its event', async () => {
    const programme = await get('/api/audit/programme/state?at=2019-12-31', office).expect(200);
    conforms('get', '/api/audit/programme/state', programme);
    const towns = programme.body.towns as { townId: string; status: string }[];
    expect(towns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ townId: pastTown, ratings: [{ year: 2018, rating: '良好', score: 82 }] }),
      ]),
    );
    // The town applied today had not applied by the end of 2019.
    expect(towns.map((town) => town.townId)).not.toContain(appliedTown);

    const ratings = await get('/api/audit/decisions/ratings', auditor).expect(200);
    expect(ratings.headers['content-type']).toMatch(/^text\/csv/);
    expect(ratings.headers['content-disposition']).toBe('attachment; filename="ratings.csv"');
    const lines = ratings.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^position,occurredAt,recordedAt,event,townId,townName,county,year,rating/);
    expect(lines.slice(1).filter((line) => line.includes(pastTown))).toHaveLength(2);
    expect(lines.slice(1).join('\n')).toMatch(/不合格/);
  });

  it('lets each seat read only what the permission tables allow', async () => {
    // County officials: their own county's towns, nothing of the whole programme, no jobs.
    await get(`/api/audit/towns/${appliedTown}/history`, luxi).expect(200);
    const otherCounty = await get(`/api/audit/towns/${appliedTown}/state?at=2030-01-01`, shangli).expect(403);
    expect(otherCounty.body.code).toBe('ACTOR_COUNTY_MISMATCH');
    conforms('get', '/api/audit/towns/{townId}/state', otherCounty);
    for (const path of ['/api/audit/programme/state?at=2019-12-31', '/api/audit/decisions/rewards']) {
      const refused = await get(path, luxi).expect(403);
      expect(refused.body).toMatchObject({ code: 'READ_NOT_ALLOWED' });
    }
    // Jobs are the auditors' alone.
    for (const token of [luxi, office]) {
      const listed = await get('/api/audit/jobs', token).expect(403);
      expect(listed.body.code).toBe('READ_NOT_ALLOWED');
      conforms('get', '/api/audit/jobs', listed);
      const started = await post('/api/audit/jobs', token).send({ kind: 'verify' }).expect(403);
      conforms('post', '/api/audit/jobs', started);
    }
    await get('/api/audit/jobs', auditor).expect(200);
    await request(system.http).get('/api/audit/jobs').expect(401);
  });

  it('refuses bad input with a stable code naming the field, and starts nothing', async () => {
    const before = await system.store.chained!.lastPosition();
    const badAt = await get(`/api/audit/towns/${pastTown}/state?at=yesterday`, auditor).expect(400);
    conforms('get', '/api/audit/towns/{townId}/state', badAt);
    expect(badAt.body.errors).toEqual([expect.objectContaining({ field: 'at', code: 'INSTANT_INVALID' })]);
    const noAt = await get('/api/audit/programme/state', auditor).expect(400);
    expect(noAt.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'at', code: 'REQUIRED' })]),
    );
    const badBasis = await get('/api/audit/programme/state?at=2019-12-31&basis=valid', auditor).expect(400);
    expect(badBasis.body.errors).toEqual([expect.objectContaining({ field: 'basis' })]);
    const badKind = await get('/api/audit/decisions/salaries', auditor).expect(400);
    expect(badKind.body.errors).toEqual([expect.objectContaining({ field: 'kind', code: 'UNKNOWN_KIND' })]);
    const unknownTown = await get(`/api/audit/towns/${randomUUID()}/state?at=2019-12-31`, auditor).expect(
      404,
    );
    expect(unknownTown.body.code).toBe('TOWN_NOT_FOUND');
    conforms('get', '/api/audit/towns/{townId}/state', unknownTown);

    // Malformed (400), or well formed but naming a town or workflow that does not exist (404).
    const refusals: [object, string, string, number][] = [
      [{ kind: 'audit' }, 'kind', 'INVALID_IS_IN', 400],
      [{ kind: 'verify', townId: pastTown }, 'townId', 'NOT_APPLICABLE', 400],
      [{ kind: 'export', townId: randomUUID() }, 'townId', 'TOWN_NOT_FOUND', 404],
      [{ kind: 'export', townId: 'wugong' }, 'townId', 'INVALID_UUID', 400],
      [{ kind: 'replay', workflowIds: ['no-such-workflow'] }, 'workflowIds.0', 'WORKFLOW_NOT_FOUND', 404],
      [{ kind: 'redecide', whatIf: 'nowhere-2099' }, 'whatIf', 'POLICY_UNKNOWN', 400],
    ];
    for (const [body, field, code, status] of refusals) {
      const refused = await post('/api/audit/jobs', auditor).send(body).expect(status);
      conforms('post', '/api/audit/jobs', refused);
      expect({ body, errors: refused.body.errors }).toEqual({
        body,
        errors: expect.arrayContaining([expect.objectContaining({ field, code })]),
      });
    }
    const unknownJob = await get(`/api/audit/jobs/${randomUUID()}`, auditor).expect(404);
    expect(unknownJob.body.code).toBe('AUDIT_JOB_NOT_FOUND');
    conforms('get', '/api/audit/jobs/{jobId}', unknownJob);
    const badJobId = await get('/api/audit/jobs/audit-job-1', auditor).expect(400);
    expect(badJobId.body.errors).toEqual([expect.objectContaining({ field: 'jobId' })]);
    await get(`/api/audit/jobs/${randomUUID()}/files/report.json`, auditor).expect(404);

    expect(await system.store.chained!.lastPosition()).toBe(before);
    const jobs = await get('/api/audit/jobs', auditor).expect(200);
    expect(jobs.body.items).toEqual([]);
  });

  it('verifies the log as a job: started, polled until completed, its report downloadable', async () => {
    const before = await system.store.chained!.lastPosition();
    const started = await post('/api/audit/jobs', auditor).send({ kind: 'verify' }).expect(202);
    conforms('post', '/api/audit/jobs', started);
    expect(started.headers.location).toBe(`/api/audit/jobs/${started.body.jobId}`);
    expect(started.body).toMatchObject({
      kind: 'verify',
      requestedBy: { userId: 'auditor-1', seat: 'auditor' },
      request: { kind: 'verify' },
    });

    const job = await settled(started.headers.location as string);
    expect(job).toMatchObject({ state: 'completed', error: null, result: { ok: true } });
    expect(job.result?.summary).toMatchObject({ ok: true, checkpointsVerified: 1, findingCount: 0 });
    const [report] = job.result?.files ?? [];
    expect(report).toMatchObject({ name: 'report.json' });
    const downloaded = await get(report!.url, auditor).expect(200);
    expect(downloaded.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(downloaded.text)).toEqual(job.result?.report);
    expect(createHash('sha256').update(downloaded.text).digest('hex')).toBe(report!.sha256);

    // The workflow heard the activity's progress: every event of the log, counted by the last report.
    const progress = await system.client.workflow
      .getHandle(auditJobWorkflowId(job.jobId))
      .query(auditJobProgressQuery);
    expect(progress).toMatchObject({ attempt: 1, unit: 'events', done: job.result?.summary.entriesChecked });
    // A job reads; it never writes to the record.
    expect(await system.store.chained!.lastPosition()).toBe(before);
  });

  it('names the rewritten event when its hashes were recomputed and the checkpoint file emptied', async () => {
    const store = system.store;
    if (!(store instanceof SqlEventStore)) throw new Error('the audit system runs on a SQL store');
    const [target] = (await store.readStream(townDecider.streamOf(pastTown))).filter(
      (event) => event.type === 'TownRated',
    );
    const checkpointFile = join(system.config.checkpointDir, 'checkpoints.jsonl');
    const sealed = readFileSync(checkpointFile, 'utf8');
    await rewriteWithHashesRecomputed(store, target!.globalPosition, {
      ...(target!.data as object),
      rating: 'excellent',
    });
    writeFileSync(checkpointFile, '');
    try {
      const started = await post('/api/audit/jobs', auditor).send({ kind: 'verify' }).expect(202);
      const job = await settled(started.headers.location as string);

      expect(job).toMatchObject({ state: 'completed', result: { ok: false } });
      const report = job.result?.report as { findings: unknown[]; disagreements: unknown[] };
      expect(report.findings[0]).toMatchObject({
        code: 'EVENT_NOT_AS_SEALED',
        position: target!.globalPosition.toString(),
        stream: townDecider.streamOf(pastTown),
        streamVersion: target!.streamVersion,
        eventId: target!.id,
      });
      expect(report.disagreements).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'CHECKPOINT_RECORD_EMPTY' })]),
      );
    } finally {
      // The same content hashes to the same values again: the record is what it was.
      await rewriteWithHashesRecomputed(store, target!.globalPosition, target!.data);
      writeFileSync(checkpointFile, sealed);
    }
    const restored = await post('/api/audit/jobs', auditor).send({ kind: 'verify' }).expect(202);
    expect(await settled(restored.headers.location as string)).toMatchObject({ result: { ok: true } });
  });

  it("exports a town's bundle as a job; downloaded, it verifies offline with the CLI", async () => {
    const body = { kind: 'export', townId: pastTown };
    const started = await post('/api/audit/jobs', auditor)
      .set('Idempotency-Key', 'export-1')
      .send(body)
      .expect(202);
    const again = await post('/api/audit/jobs', auditor)
      .set('Idempotency-Key', 'export-1')
      .send(body)
      .expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.jobId).toBe(started.body.jobId);
    const reused = await post('/api/audit/jobs', auditor)
      .set('Idempotency-Key', 'export-1')
      .send({ kind: 'export' })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const job = await settled(started.body.url as string);
    expect(job).toMatchObject({ state: 'completed', result: { ok: true } });
    const names = job.result!.files.map((file) => file.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'checkpoints.jsonl',
        'events.jsonl',
        'manifest.json',
        'signature.json',
        'report.json',
        `keys/${system.exportKey.keyId}.public.pem`,
        `keys/${system.checkpointerKey.keyId}.public.pem`,
      ]),
    );
    const bundle = join(system.root, 'downloaded-bundle');
    for (const file of job.result!.files) {
      const response = await get(file.url, auditor).buffer(true).parse(binary).expect(200);
      const content = response.body as Buffer;
      expect(createHash('sha256').update(content).digest('hex')).toBe(file.sha256);
      mkdirSync(dirname(join(bundle, file.name)), { recursive: true });
      writeFileSync(join(bundle, file.name), content);
    }

    const verified = await runAuditCli(
      ['verify', '--bundle', bundle, '--keys', system.auditorKeysDir(), '--json'],
      { ...environmentWithoutDatabase(), DATA_DIR: system.root },
    );
    expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(verified.stdout)).toMatchObject({
      ok: true,
      checkpointsVerified: 1,
      bundle: {
        scope: { kind: 'town', townId: pastTown },
        signedBy: system.exportKey.keyId,
      },
    });
    // Trusting the checkpointer alone, the content still checks against its checkpoint; the export
    // signature is then a key the auditor has not accepted.
    const checkpointerOnly = await verifyBundle({
      directory: bundle,
      trustedKeys: loadTrustedKeys(system.config.publicKeysDir),
    });
    expect(checkpointerOnly.checkpointsVerified).toBe(1);
    expect(checkpointerOnly.findings.map((finding) => finding.code)).toEqual(['UNKNOWN_KEY']);
  });

  it('replays the programme’s workflow histories as a job', async () => {
    const programmeWorkflow = programmeDecider.streamOf(system.programmeId);
    const started = await post('/api/audit/jobs', auditor)
      .send({ kind: 'replay', workflowIds: [programmeWorkflow] })
      .expect(202);
    const job = await settled(started.body.url as string, 120_000);
    expect(job).toMatchObject({ state: 'completed', result: { ok: true } });
    expect(job.result?.summary).toMatchObject({ ok: true, summary: { runs: 1, replayed: 1 } });
  });

  it('re-decides a town’s every step as a job, and under another pack too', async () => {
    const started = await post('/api/audit/jobs', auditor)
      .send({ kind: 'redecide', townId: appliedTown, whatIf: system.policy.id })
      .expect(202);
    const job = await settled(started.body.url as string);
    expect(job).toMatchObject({ state: 'completed', error: null });
    // The job's verdict is the report's. (Whether the recorded step itself can be decided again depends on
    // its rehearsal pack being found, built in or recorded in the log; the what-if is given the pack.)
    expect(job.result?.ok).toBe(job.result?.summary.ok);
    expect(job.result?.summary).toMatchObject({
      scope: { kind: 'town', townId: appliedTown },
      eventsRead: 1,
      totals: { steps: 1 },
    });
    expect(job.result?.report).toMatchObject({
      whatIf: { policy: { id: system.policy.id }, stepsDecided: 1, stepsThatWouldDiffer: 0 },
    });
  });

  it('reports a job that fails as it runs with the failure’s own code', async () => {
    // A town the API would have refused (400): started directly, it makes the job's activity fail.
    const jobId = randomUUID();
    const requestedBy = { userId: 'auditor-1', seat: 'auditor' };
    const job = { kind: 'export', townId: randomUUID() } as const;
    const memo: AuditJobMemo = { kind: 'export', requestedBy, request: job, fingerprint: 'direct' };
    await system.client.workflow.start(auditJobWorkflow, {
      workflowId: auditJobWorkflowId(jobId),
      taskQueue: `${system.taskQueue}-audit`,
      args: [{ jobId, requestedBy, requestedAt: new Date().toISOString(), job } satisfies AuditJobInput],
      memo: { ...memo },
    });
    const failed = await settled(`/api/audit/jobs/${jobId}`);
    expect(failed).toMatchObject({
      state: 'failed',
      result: null,
      error: { code: 'TOWN_NOT_FOUND', message: `No events in stream town-${job.townId}` },
    });
  });

  it('lists the jobs run, the latest first', async () => {
    const deadline = Date.now() + 30_000;
    let listed: request.Response;
    // Visibility is eventually consistent: wait until it shows every job, closed.
    do {
      await delay(200);
      listed = await get('/api/audit/jobs?limit=10', auditor).expect(200);
    } while (!closedJobs(listed.body.items as { state: string }[], 7) && Date.now() < deadline);
    conforms('get', '/api/audit/jobs', listed);
    const items = listed.body.items as { kind: string; state: string; closedAt: string }[];
    expect(items.map((item) => `${item.kind} ${item.state}`)).toEqual([
      'export failed',
      'redecide completed',
      'replay completed',
      'export completed',
      // The first verify job, then the one after the rewrite, then the one after it was undone.
      'verify completed',
      'verify completed',
      'verify completed',
    ]);
    const limited = await get('/api/audit/jobs?limit=2', auditor).expect(200);
    expect(limited.body.items).toEqual((listed.body.items as unknown[]).slice(0, 2));
    const tooMany = await get('/api/audit/jobs?limit=1000', auditor).expect(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it("gives the same state for the same instant as the CLI's state command", async () => {
    await system.stop();
    const cli = await runAuditCli(['state', '--town', pastTown, '--at', '2018-12-31', '--json'], {
      ...environmentWithoutDatabase(),
      DATA_DIR: system.root,
      EVENT_STORE: 'pglite',
      EVENT_STORE_DIR: system.storeDir,
    });
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(cli.stdout)).toEqual(stateAtEnd2018);
  });
});

function closedJobs(items: readonly { state: string }[], count: number): boolean {
  return items.length >= count && items.every((item) => item.state !== 'running');
}

/** Keeps a download's bytes exactly as sent, whatever its media type. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

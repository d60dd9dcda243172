/**
 * The API's verify job reads the checkpoint records the CLI's `verify` reads, and fails as it does, when
 * the checkpoints so far went to the file alone (`AUDIT_CHECKPOINT_SINKS=file npm run audit -- checkpoint`)
 * and the programme's ledger was never started: an empty record while the log holds events, not a record
 * that does not count because it could not be found.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import request from 'supertest';
import { chainedLog } from '../../../audit/export/bundle-export';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { loadSigningKey } from '../../../infra/audit/keys';
import { recordFirstProgramme } from '../../../infra/config/programme-record';
import { environmentWithoutDatabase, jsonOf, runAuditCli } from '../../helpers/tool-process';
import { testTemporal } from '../../helpers/test-env';
import { startAuditSystem, type AuditSystem } from './audit-system';

jest.setTimeout(240_000);

interface VerifyReport {
  readonly ok: boolean;
  readonly findings: readonly unknown[];
  readonly records: readonly { readonly description: string; readonly checkpoints: number }[];
  readonly disagreements: readonly { readonly code: string; readonly record: string }[];
}

describe('a verify job whose checkpoint ledger was never written', () => {
  let system: AuditSystem;
  let auditor: string;

  beforeAll(async () => {
    system = await startAuditSystem();
    auditor = await system.auth.tokenFor({ userId: 'auditor-1', seat: 'auditor' });
    // Checkpoint 1 in the file alone, as the CLI makes it with the embedded store and `npm start` stopped.
    await makeCheckpoint({
      log: chainedLog(system.store),
      sink: new JsonLinesCheckpointSink(system.config.checkpointDir),
      key: loadSigningKey(system.checkpointerKey.privateKeyFile),
      now: () => new Date(),
    });
  });
  afterAll(async () => {
    await system.stop();
    system.remove();
  });

  async function verifyJobReport(): Promise<VerifyReport> {
    const started = await request(system.http)
      .post('/api/audit/jobs')
      .auth(auditor, { type: 'bearer' })
      .send({ kind: 'verify' })
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await request(system.http)
        .get(started.headers.location as string)
        .auth(auditor, { type: 'bearer' })
        .expect(200);
      if (job.body.state !== 'running') {
        expect(job.body).toMatchObject({ state: 'completed', error: null, result: { ok: false } });
        return job.body.result.report as VerifyReport;
      }
      if (Date.now() > deadline) throw new Error(`the verify job still runs: ${JSON.stringify(job.body)}`);
      await delay(200);
    }
  }

  it('fails as the CLI does: the ledger is an empty record, and lacks checkpoint 1', async () => {
    const ledger = `the history of workflow checkpoint-ledger-${system.programmeId}`;
    const file = join(system.config.checkpointDir, 'checkpoints.jsonl');
    const report = await verifyJobReport();
    expect(report).toMatchObject({
      ok: false,
      findings: [],
      records: [
        { description: file, checkpoints: 1 },
        { description: ledger, checkpoints: 0 },
      ],
      disagreements: [
        { code: 'CHECKPOINT_RECORD_EMPTY', checkpoint: null, record: ledger },
        { code: 'CHECKPOINT_MISSING_FROM_RECORD', checkpoint: 1, heldBy: file, record: ledger },
      ],
    });

    // The CLI, once the system has let go of the embedded store, on the same records and programme.
    await system.stop();
    recordFirstProgramme(join(system.root, 'programme.json'), {
      programmeId: system.programmeId,
      policy: system.policy,
      chosenAt: new Date().toISOString(),
      chosenBy: 'first-start',
    });
    const temporal = testTemporal();
    const cli = await runAuditCli(['verify', '--json'], {
      ...environmentWithoutDatabase(),
      DATA_DIR: system.root,
      EVENT_STORE: 'pglite',
      EVENT_STORE_DIR: system.storeDir,
      AUDIT_CHECKPOINT_DIR: system.config.checkpointDir,
      AUDIT_PUBLIC_KEYS_DIR: system.config.publicKeysDir,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: system.taskQueue,
    });
    expect(cli.code).toBe(1);
    const answered = jsonOf(cli) as unknown as VerifyReport;
    expect({ records: answered.records, disagreements: answered.disagreements }).toEqual({
      records: report.records,
      disagreements: report.disagreements,
    });
  });
});

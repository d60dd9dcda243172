import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { App } from 'supertest/types';
import { batchDecider } from '../../../domain/batch';
import { createApi } from '../../../apps/api/create-api';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import { createTownsWorker } from '../../../apps/worker/create-worker';
import type { AuditJobScheduling, AuditJobsConfig } from '../../../infra/audit/audit-jobs-config';
import { chainedLog } from '../../../audit/export/bundle-export';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { teeCheckpointSinks } from '../../../infra/audit/checkpoint-sink';
import { TemporalCheckpointSink } from '../../../infra/audit/temporal-checkpoint-sink';
import { checkpointLedgerAddress, pinOf } from '../../../apps/checkpointer/checkpoint-sinks';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { generateSigningKey, loadSigningKey } from '../../../infra/audit/keys';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import { waitForWorkflow } from '../../helpers/programme-startup';
import { createTestAuth, type RunningSystem } from '../../helpers/running-system';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';

type KeyPair = ReturnType<typeof generateSigningKey>;

/**
 * The running system as `npm start` composes it, with the audit side configured as a deployment would:
 * an embedded store in a directory (so the audit CLI can read it once the system has stopped), a
 * checkpointer key of its own that only this helper holds, an export key the worker holds, and the
 * worker's jobs directory shared with the API.
 */
export interface AuditSystem extends Pick<
  RunningSystem,
  'app' | 'client' | 'store' | 'taskQueue' | 'policy' | 'programmeId' | 'auth' | 'stop'
> {
  readonly http: App;
  readonly root: string;
  readonly storeDir: string;
  readonly config: AuditJobsConfig;
  readonly checkpointerKey: KeyPair;
  readonly exportKey: KeyPair;
  /** Seals the log as it is now, as the scheduled checkpointer would. */
  checkpoint(): Promise<void>;
  /** A directory of public keys an auditor would trust: the checkpointer's, and the export service's. */
  auditorKeysDir(): string;
  /** Removes the directories (after stop). */
  remove(): void;
}

export interface AuditSystemOptions {
  /** The jobs' queue, caps and retention as the API is given them. */
  readonly apiScheduling?: Partial<AuditJobScheduling>;
  /** The audit worker's queue and slots; by default the API's queue. */
  readonly workerScheduling?: Pick<AuditJobScheduling, 'taskQueue' | 'workerConcurrency'>;
}

export async function startAuditSystem(options: AuditSystemOptions = {}): Promise<AuditSystem> {
  const temporal = testTemporal();
  const root = mkdtempSync(join(tmpdir(), 'audit-api-'));
  const storeDir = join(root, 'store');
  const checkpointerKey = generateSigningKey(join(root, 'checkpointer'));
  const exportKey = generateSigningKey(join(root, 'export'));
  const config: AuditJobsConfig = {
    jobsDir: join(root, 'jobs'),
    checkpointDir: join(root, 'checkpoints'),
    publicKeysDir: join(root, 'trusted'),
    exportKeyFile: exportKey.privateKeyFile,
  };
  mkdirSync(config.publicKeysDir);
  copyFileSync(
    checkpointerKey.publicKeyFile,
    join(config.publicKeysDir, basename(checkpointerKey.publicKeyFile)),
  );

  const taskQueue = uniqueTaskQueue('audit-api');
  const policy = pingxiangRehearsalOpeningToday();
  const auth = createTestAuth(policy);
  const store = await createEventStore({ kind: 'pglite', dataDir: storeDir });
  const worker = await createTownsWorker({
    address: temporal.address,
    namespace: temporal.namespace,
    taskQueue,
    store,
    workflowBundle: { codePath: temporal.workflowBundlePath },
    audit: config,
    ...(options.workerScheduling ? { auditScheduling: options.workerScheduling } : {}),
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const programmeId = `${policy.id}-${randomUUID().slice(0, 8)}`;
  await ensureProgrammeStarted(client, { programmeId, policy, taskQueue });
  const [firstBatch] = policy.batches;
  if (firstBatch)
    await waitForWorkflow(client, batchDecider.streamOf(programmeId, firstBatch.id, 'unambiguous'));
  const app = await createApi(
    {
      client,
      store,
      verifier: auth.verifier,
      settings: { taskQueue, policy, programmeId },
      audit: {
        jobsDir: config.jobsDir,
        ...(options.apiScheduling ? { scheduling: options.apiScheduling } : {}),
      },
    },
    { logger: false, requestLog: false },
  );
  await app.init();
  let stopped = false;
  return {
    app,
    http: app.getHttpServer() as App,
    client,
    store,
    taskQueue,
    policy,
    programmeId,
    auth,
    root,
    storeDir,
    config,
    checkpointerKey,
    exportKey,
    checkpoint: async () => {
      const key = loadSigningKey(checkpointerKey.privateKeyFile);
      // Both records a deployment keeps: the file, and the programme's ledger on the worker's queue.
      const ledger = new TemporalCheckpointSink({
        client,
        ledger: checkpointLedgerAddress(programmeId, taskQueue, [pinOf(key.keyId, key.publicKey)]),
      });
      await makeCheckpoint({
        log: chainedLog(store),
        sink: teeCheckpointSinks(new JsonLinesCheckpointSink(config.checkpointDir), ledger),
        key,
        now: () => new Date(),
      });
    },
    auditorKeysDir: () => {
      const directory = join(root, 'auditor-keys');
      mkdirSync(directory, { recursive: true });
      for (const key of [checkpointerKey, exportKey]) {
        copyFileSync(key.publicKeyFile, join(directory, basename(key.publicKeyFile)));
      }
      return directory;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await app.close();
      await worker.shutdown();
      await workerRun;
      await connection.close();
      await store.close();
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

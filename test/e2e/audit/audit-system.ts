import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { App } from 'supertest/types';
import type { AuditJobScheduling, AuditJobsConfig } from '../../../infra/audit/audit-jobs-config';
import { chainedLog } from '../../../audit/export/bundle-export';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { teeCheckpointSinks } from '../../../infra/audit/checkpoint-sink';
import { TemporalCheckpointSink } from '../../../infra/audit/temporal-checkpoint-sink';
import { checkpointLedgerAddress, pinOf } from '../../../apps/checkpointer/checkpoint-sinks';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { generateSigningKey, loadSigningKey } from '../../../infra/audit/keys';
import { startRunningSystem, type RunningSystem } from '../../helpers/running-system';

type KeyPair = ReturnType<typeof generateSigningKey>;

/**
 * The running system (test/helpers/running-system.ts), with the audit side configured as a deployment would:
 * an embedded store in a directory (so the audit CLI can read it once the system has stopped), a
 * checkpointer key of its own that only this helper holds, an export key the worker holds, and the
 * worker's jobs directory shared with the API.
 */
export interface AuditSystem extends RunningSystem {
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
  const root = mkdtempSync(join(tmpdir(), 'audit-api-'));
  const storeDir = join(root, 'store');
  const checkpointerKey = generateSigningKey(join(root, 'checkpointer'));
  const exportKey = generateSigningKey(join(root, 'export'));
  const config: AuditJobsConfig = {
    jobsDir: join(root, 'jobs'),
    checkpointDir: join(root, 'checkpoints'),
    checkpointSinks: ['file', 'temporal'],
    publicKeysDir: join(root, 'trusted'),
    exportKeyFile: exportKey.privateKeyFile,
  };
  mkdirSync(config.publicKeysDir);
  copyFileSync(
    checkpointerKey.publicKeyFile,
    join(config.publicKeysDir, basename(checkpointerKey.publicKeyFile)),
  );
  const system = await startRunningSystem({
    eventStore: { kind: 'pglite', dataDir: storeDir },
    worker: {
      audit: config,
      ...(options.workerScheduling ? { auditScheduling: options.workerScheduling } : {}),
    },
    audit: {
      jobsDir: config.jobsDir,
      ...(options.apiScheduling ? { scheduling: options.apiScheduling } : {}),
    },
  });
  const { client, store, programmeId, taskQueue } = system;
  return {
    ...system,
    http: system.app.getHttpServer() as App,
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
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

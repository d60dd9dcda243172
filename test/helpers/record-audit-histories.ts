/**
 * Records histories of the auditors' workflows — the checkpoint ledger and an audit job — into
 * test/histories/, for the replay test (history-replay.int-spec.ts), as record-histories.ts does for the
 * programme's. Run it again, with a new suffix, whenever a change alters the commands either issues:
 *
 *   npx ts-node --transpile-only test/helpers/record-audit-histories.ts --suffix first
 *
 * It starts a dev server of its own in a temporary directory, the product's worker over an in-memory
 * store holding a few events, seals them into a ledger that pins a key, pins the next key on it (endorsed
 * by the first), seals again with that one, and runs a verify job.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createTownsWorker } from '../../apps/worker/create-worker';
import { checkpointLedgerAddress, pinOf } from '../../apps/checkpointer/checkpoint-sinks';
import { keyPinRequest, pinKeyOnLedger } from '../../apps/checkpointer/key-pinning';
import { makeCheckpoint } from '../../audit/checkpoints/checkpointer';
import {
  auditTaskQueueOf,
  loadAuditJobScheduling,
  loadAuditJobsConfig,
} from '../../infra/audit/audit-jobs-config';
import { TemporalCheckpointSink } from '../../infra/audit/temporal-checkpoint-sink';
import { openPgliteEventStore } from '../../infra/event-store/pglite/pglite-event-store';
import { startDevServer } from '../../infra/temporal/dev-server';
import { freePort } from '../../infra/temporal/port-utils';
import { auditJobWorkflow } from '../../workflows/audit/audit-job.workflow';
import { auditJobWorkflowId } from '../../workflows/audit/audit-job.messages';
import { testEvents } from '../integration/event-store/test-events';
import { testSigningKey } from '../unit/audit/chained-log';
import { writeHistory } from './history-files';

const target = resolve(__dirname, '..', 'histories');

function suffixFromArguments(argv: readonly string[]): string {
  const [flag, suffix] = argv;
  if (flag !== '--suffix' || !suffix || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(suffix) || argv.length > 2) {
    throw new Error('usage: record-audit-histories.ts --suffix <lower-case-words> (names the new files)');
  }
  return suffix;
}

function historyPath(name: string, suffix: string): string {
  const path = join(target, `${name}-${suffix}.json`);
  // Histories already recorded stand for code that may still be running: they are never replaced.
  if (existsSync(path)) throw new Error(`${path} exists: choose another --suffix`);
  return path;
}

async function main(): Promise<void> {
  const suffix = suffixFromArguments(process.argv.slice(2));
  const ledgerPath = historyPath('checkpoint-ledger', suffix);
  const jobPath = historyPath('audit-job-verify', suffix);
  const directory = mkdtempSync(join(tmpdir(), 'record-audit-histories-'));
  const namespace = 'record-audit';
  const taskQueue = 'record-audit';
  const server = await startDevServer({
    dataDir: join(directory, 'temporal'),
    namespace,
    port: await freePort(),
    headless: true,
  });
  const store = await openPgliteEventStore();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace });
  const programmeId = `recorded-${randomUUID()}`;
  const worker = await createTownsWorker({
    address: server.address,
    namespace,
    taskQueue,
    store,
    audit: loadAuditJobsConfig({ ...process.env, DATA_DIR: directory }),
    ledgerProgramme: () => Promise.resolve(programmeId),
  });
  const running = worker.run();
  try {
    const key = testSigningKey();
    const next = testSigningKey();
    const ledger = checkpointLedgerAddress(programmeId, taskQueue, [pinOf(key.keyId, key.publicKey)]);
    const sink = new TemporalCheckpointSink({ client, ledger });
    for (const [streamEvents, signer] of [
      [3, key],
      [2, next],
    ] as const) {
      await store.append(`recorded-${randomUUID()}`, testEvents(streamEvents), 'no_stream');
      if (signer === next) await pinKeyOnLedger(client, programmeId, keyPinRequest(programmeId, next, key));
      await makeCheckpoint({
        log: store.chained,
        sink,
        key: signer,
        trustedKeys: new Map([[key.keyId, key.publicKey]]),
        now: () => new Date(),
      });
    }
    writeHistory(ledgerPath, await client.workflow.getHandle(ledger.workflowId).fetchHistory());

    const jobId = randomUUID();
    const job = await client.workflow.start(auditJobWorkflow, {
      workflowId: auditJobWorkflowId(jobId),
      // Jobs run on their own queue, beside the officials' (decision 0077).
      taskQueue: auditTaskQueueOf(taskQueue, loadAuditJobScheduling()),
      args: [
        {
          jobId,
          requestedBy: { userId: 'auditor-1', seat: 'auditor' },
          requestedAt: new Date().toISOString(),
          job: { kind: 'verify' },
        },
      ],
    });
    await job.result();
    writeHistory(jobPath, await job.fetchHistory());
    console.log(`Recorded ${ledgerPath} and ${jobPath}`);
  } finally {
    await worker.shutdown();
    await running;
    await connection.close();
    await store.close();
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

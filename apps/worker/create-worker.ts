import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createAuditJobActivities } from '../../activities/audit-jobs.activities';
import { createEventStoreActivities } from '../../activities/event-store.activities';
import { createWorkflowStarterActivities } from '../../activities/workflow-starter.activities';
import { type AuditJobsConfig, loadAuditJobsConfig } from '../../infra/audit/audit-jobs-config';
import { ledgersOnQueue } from '../checkpointer/checkpoint-sinks';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { connectionOptions } from '../../infra/temporal/temporal-connection';
import type { TemporalSecurity } from '../../infra/temporal/temporal-security';
import { auditJobProgressSignal, auditJobWorkflowType } from '../../workflows/audit/audit-job.messages';

export interface TownsWorkerOptions {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
  /** TLS, mTLS and the API key of the cluster; none for a dev server on loopback. */
  readonly security?: TemporalSecurity;
  readonly store: EventStore;
  /** A pre-built bundle (tests build it once per run); otherwise the worker bundles workflows/ itself. */
  readonly workflowBundle?: WorkerOptions['workflowBundle'];
  /** Where audit jobs keep their files and find the checkpoints and keys; default: from the environment. */
  readonly audit?: AuditJobsConfig;
}

export interface TownsWorker {
  readonly worker: Worker;
  /** Runs until shutdown() is called; resolves when the worker has drained. */
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

export function workflowsPath(): string {
  return require.resolve('../../workflows');
}

/** What an auditor's replay covers by default: every run on this worker's queue but the audit jobs. */
function programmeRunsQuery(taskQueue: string): string {
  return `TaskQueue = '${taskQueue.replace(/'/g, "\\'")}' AND WorkflowType != '${auditJobWorkflowType}'`;
}

export async function createTownsWorker(options: TownsWorkerOptions): Promise<TownsWorker> {
  const connection = await NativeConnection.connect(connectionOptions(options.address, options.security));
  // The starter activities start other workflows (a batch's towns, a programme's batches) as a client.
  const clientConnection = await Connection.connect(connectionOptions(options.address, options.security));
  const client = new Client({ connection: clientConnection, namespace: options.namespace });
  const closeConnections = async (): Promise<void> => {
    await connection.close();
    await clientConnection.close();
  };
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: {
      ...createEventStoreActivities(options.store),
      ...createWorkflowStarterActivities(client),
      ...createAuditJobActivities({
        store: options.store,
        config: options.audit ?? loadAuditJobsConfig(),
        ledgers: (taskQueue) => ledgersOnQueue(client, taskQueue),
        publishProgress: (workflowId, progress) =>
          client.workflow.getHandle(workflowId).signal(auditJobProgressSignal, progress),
        replay: {
          client,
          ...(options.workflowBundle && 'codePath' in options.workflowBundle
            ? { workflowBundle: { codePath: options.workflowBundle.codePath } }
            : { workflowsPath: workflowsPath() }),
          defaultQuery: programmeRunsQuery(options.taskQueue),
        },
      }),
    },
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: workflowsPath() }),
  }).catch(async (error: unknown) => {
    await closeConnections();
    throw error;
  });
  let running: Promise<void> | undefined;
  return {
    worker,
    run: () => {
      running ??= worker.run().finally(closeConnections);
      return running;
    },
    shutdown: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

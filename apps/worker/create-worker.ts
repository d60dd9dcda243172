import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createAuditJobActivities } from '../../activities/audit-jobs.activities';
import { createEventStoreActivities } from '../../activities/event-store.activities';
import { createWorkflowStarterActivities } from '../../activities/workflow-starter.activities';
import { createBatchListActivities } from '../../activities/batch-list.activities';
import { createBatchMembersActivities } from '../../activities/batch-members.activities';
import { createProgrammeMembersActivities } from '../../activities/programme-members.activities';
import { createTownRatingsActivities } from '../../activities/town-ratings.activities';
import {
  type AuditJobScheduling,
  type AuditJobsConfig,
  auditTaskQueueOf,
  loadAuditJobScheduling,
  loadAuditJobsConfig,
} from '../../infra/audit/audit-jobs-config';
import { programmeLedger } from '../checkpointer/checkpoint-sinks';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { loadWorkerSettings, type WorkerSettings } from '../../infra/config/worker-settings';
import {
  connectionOptions,
  testServerChannelArgs,
  type TemporalServerKind,
} from '../../infra/temporal/temporal-connection';
import { tracingClientInterceptors, tracingWorkerOptions } from '../../infra/temporal/temporal-tracing';
import { currentTracing } from '../../infra/observability/tracing';
import { withAppendSpans } from '../../infra/event-store/traced-event-store';
import type { TemporalSecurity } from '../../infra/temporal/temporal-security';
import {
  auditJobFilesWorkflowId,
  auditJobFilesWorkflowType,
  type AuditJobFilesInput,
  auditJobProgressSignal,
  auditJobWorkflowType,
} from '../../workflows/audit/audit-job.messages';
import { bundleWorkflows } from './workflow-bundle';

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
  /** The audit jobs' own queue and how many run at once; default: from the environment. */
  readonly auditScheduling?: Pick<AuditJobScheduling, 'taskQueue' | 'workerConcurrency'>;
  /**
   * The programme whose checkpoint ledger (`checkpoint-ledger-<programmeId>`) verifications read beside
   * the file, as the audit CLI does; asked for when a verification runs. `false`: none — training mode,
   * which runs no checkpointer. Omitted: the ledger is reported unreadable, never left out.
   */
  readonly ledgerProgramme?: (() => Promise<string>) | false;
  /** The officials' worker's cache and both workers' shutdown grace; default: from the environment. */
  readonly settings?: WorkerSettings;
  /** `test-server`: the time-skipping server, whose keep-alive rule the worker's client must keep. */
  readonly serverKind?: TemporalServerKind;
}

const auditWorkflowsCached = 50;

/**
 * Two workers in one process: the officials' (every entity workflow, the event store's appends) and the
 * audit jobs' on a queue of their own with their own slots, so a job reading the whole log for an hour
 * never holds a slot an official's step waits for (decision 0077).
 */
export interface TownsWorker {
  readonly worker: Worker;
  readonly auditWorker: Worker;
  /** Runs until shutdown() is called; resolves when the worker has drained. */
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

/** What an auditor's replay covers by default: every run on this worker's queue but the audit jobs. */
function programmeRunsQuery(taskQueue: string): string {
  return `TaskQueue = '${taskQueue.replace(/'/g, "\\'")}' AND WorkflowType != '${auditJobWorkflowType}'`;
}

function programmeNotGiven(): Promise<string> {
  return Promise.reject(
    new Error('This worker was not told which programme it serves, so it cannot find its checkpoint ledger'),
  );
}

export async function createTownsWorker(options: TownsWorkerOptions): Promise<TownsWorker> {
  const connection = await NativeConnection.connect(connectionOptions(options.address, options.security));
  // The starter activities start other workflows (a batch's towns, a programme's batches) as a client.
  const clientConnection = await Connection.connect({
    ...connectionOptions(options.address, options.security),
    ...(options.serverKind === 'test-server' ? { channelArgs: testServerChannelArgs } : {}),
  });
  const client = new Client({
    connection: clientConnection,
    namespace: options.namespace,
    interceptors: tracingClientInterceptors(),
  });
  const closeConnections = async (): Promise<void> => {
    await connection.close();
    await clientConnection.close();
  };
  const settings = options.settings ?? loadWorkerSettings();
  const stopping = { shutdownGraceTime: settings.shutdownGraceMs };
  const scheduling = options.auditScheduling ?? loadAuditJobScheduling();
  const ledgerProgramme = options.ledgerProgramme ?? programmeNotGiven;
  const auditQueue = auditTaskQueueOf(options.taskQueue, scheduling);
  // While tracing is on, both workers trace their workflows and activities, and the officials' appends
  // carry their trace into the log for the read models' fold (decision 0095).
  const tracing = currentTracing();
  const traced = tracing ? tracingWorkerOptions(tracing, true) : {};
  // Both workers run the same workflow code: bundled once, not by each.
  const bundle = {
    workflowBundle: options.workflowBundle ?? (await bundleWorkflows({ traced: tracing !== undefined })),
  };
  const appendStore = tracing ? withAppendSpans(options.store) : options.store;
  const created = await Promise.all([
    Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      activities: {
        ...createEventStoreActivities(appendStore),
        ...createTownRatingsActivities(options.store),
        ...createProgrammeMembersActivities(options.store),
        ...createBatchListActivities(options.store),
        ...createBatchMembersActivities(options.store),
        ...createWorkflowStarterActivities(client),
      },
      maxCachedWorkflows: settings.maxCachedWorkflows,
      ...stopping,
      ...bundle,
      ...traced,
    }),
    Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: auditQueue,
      // A job is one long activity; its workflow tasks are few and short.
      maxConcurrentActivityTaskExecutions: scheduling.workerConcurrency,
      maxConcurrentWorkflowTaskExecutions: Math.max(2, scheduling.workerConcurrency),
      // One workflow per job, woken a few times in its life: a small cache is plenty.
      maxCachedWorkflows: auditWorkflowsCached,
      ...stopping,
      activities: createAuditJobActivities({
        store: options.store,
        config: options.audit ?? loadAuditJobsConfig(),
        // The ledger runs beside the programme on the officials' queue, not on the jobs' own.
        ...(ledgerProgramme === false
          ? {}
          : { ledger: () => programmeLedger(client, options.taskQueue, ledgerProgramme) }),
        publishProgress: (workflowId, progress) =>
          client.workflow.getHandle(workflowId).signal(auditJobProgressSignal, progress),
        keepFiles: async (jobId, retentionHours) => {
          await client.workflow.start(auditJobFilesWorkflowType, {
            workflowId: auditJobFilesWorkflowId(jobId),
            taskQueue: auditQueue,
            args: [{ jobId, retentionHours } satisfies AuditJobFilesInput],
            workflowIdConflictPolicy: 'USE_EXISTING',
          });
        },
        replay: {
          client,
          // Without a bundle on disk, the replay bundles the product's workflows as this worker does.
          ...(options.workflowBundle && 'codePath' in options.workflowBundle
            ? { workflowBundle: { codePath: options.workflowBundle.codePath } }
            : {}),
          defaultQuery: programmeRunsQuery(options.taskQueue),
        },
      }),
      ...bundle,
      ...traced,
    }),
  ]).catch(async (error: unknown) => {
    await closeConnections();
    throw error;
  });
  const [worker, auditWorker] = created;
  const workers = [worker, auditWorker];
  const stopAll = (): void => {
    for (const each of workers) if (each.getState() === 'RUNNING') each.shutdown();
  };
  let running: Promise<void> | undefined;
  return {
    worker,
    auditWorker,
    run: () => {
      // One stops, both stop: a process that has lost one of them must not go on looking healthy.
      running ??= Promise.allSettled(workers.map((each) => each.run().finally(stopAll)))
        .then((results) => {
          const failed = results.find((result) => result.status === 'rejected');
          if (failed) throw failed.reason;
        })
        .finally(closeConnections);
      return running;
    },
    shutdown: async () => {
      stopAll();
      await running;
    },
  };
}

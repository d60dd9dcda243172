import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createEventStoreActivities } from '../../activities/event-store.activities';
import { createWorkflowStarterActivities } from '../../activities/workflow-starter.activities';
import type { EventStore } from '../../infra/event-store/event-store.port';

export interface TownsWorkerOptions {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly store: EventStore;
  /** A pre-built bundle (tests build it once per run); otherwise the worker bundles workflows/ itself. */
  readonly workflowBundle?: WorkerOptions['workflowBundle'];
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

export async function createTownsWorker(options: TownsWorkerOptions): Promise<TownsWorker> {
  const connection = await NativeConnection.connect({ address: options.address });
  // The starter activities start other workflows (a batch's towns, a programme's batches) as a client.
  const clientConnection = await Connection.connect({ address: options.address });
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

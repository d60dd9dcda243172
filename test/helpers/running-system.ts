import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import { createApi } from '../../apps/api/create-api';
import { createTownsWorker, type TownsWorker } from '../../apps/worker/create-worker';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { testTemporal, uniqueTaskQueue } from './test-env';
import { pingxiangRehearsalOpeningToday } from './test-policy';

export interface RunningSystem {
  readonly app: NestExpressApplication;
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The real system for one test file: the run's Temporal dev server, a worker on a task queue of its
 * own, an in-memory PGlite event store (a real PostgreSQL), and the NestJS API in front of them.
 */
export async function startRunningSystem(): Promise<RunningSystem> {
  const temporal = testTemporal();
  const taskQueue = uniqueTaskQueue('api');
  const store = await createEventStore({ kind: 'pglite' });
  const worker: TownsWorker = await createTownsWorker({
    address: temporal.address,
    namespace: temporal.namespace,
    taskQueue,
    store,
    workflowBundle: { codePath: temporal.workflowBundlePath },
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const app = await createApi(
    { client, store, settings: { taskQueue, policy: pingxiangRehearsalOpeningToday() } },
    { logger: false },
  );
  await app.init();
  return {
    app,
    client,
    store,
    taskQueue,
    stop: async () => {
      await app.close();
      await worker.shutdown();
      await workerRun;
      await connection.close();
      await store.close();
    },
  };
}

import { Client, Connection } from '@temporalio/client';
import { createTownsWorker, type TownsWorker } from '../../apps/worker/create-worker';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { testTemporal, uniqueTaskQueue } from './test-env';

/** A worker of its own on the run's dev server, an in-memory PGlite store, and a client. */
export interface DevServerWorker {
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  close(): Promise<void>;
}

export async function startDevServerWorker(prefix: string): Promise<DevServerWorker> {
  const temporal = testTemporal();
  const taskQueue = uniqueTaskQueue(prefix);
  const store = await createEventStore({ kind: 'pglite' });
  const worker: TownsWorker = await createTownsWorker({
    address: temporal.address,
    namespace: temporal.namespace,
    taskQueue,
    store,
    workflowBundle: { codePath: temporal.workflowBundlePath },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  return {
    client: new Client({ connection, namespace: temporal.namespace }),
    store,
    taskQueue,
    close: async () => {
      await worker.shutdown();
      await running;
      await connection.close();
      await store.close();
    },
  };
}

import { Client, Connection } from '@temporalio/client';
import {
  createTownsWorker,
  type TownsWorker,
  type TownsWorkerOptions,
} from '../../apps/worker/create-worker';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { testTemporal, uniqueTaskQueue, type TestTemporal } from './test-env';

/**
 * A product worker on the test run's dev server, on its own queue, over `store`, with the run's prebuilt
 * bundle unless given another (one bundled with other workflow interceptors, for traces).
 */
export function createTestWorker(
  temporal: TestTemporal,
  taskQueue: string,
  store: EventStore,
  options: Pick<TownsWorkerOptions, 'workflowBundle' | 'audit' | 'auditScheduling' | 'ledgerProgramme'> = {},
): Promise<TownsWorker> {
  return createTownsWorker({
    address: temporal.address,
    namespace: temporal.namespace,
    taskQueue,
    store,
    workflowBundle: { codePath: temporal.workflowBundlePath },
    ...options,
  });
}

/** A worker of its own on the run's dev server, an in-memory PGlite store, and a client. */
export interface DevServerWorker<Store extends EventStore = EventStore> {
  readonly client: Client;
  readonly store: Store;
  readonly taskQueue: string;
  close(): Promise<void>;
}

export function startDevServerWorker(prefix: string): Promise<DevServerWorker>;
/** `wrap` puts something between the worker and its store (faults injected into appends). */
export function startDevServerWorker<Store extends EventStore>(
  prefix: string,
  wrap: (store: EventStore) => Store,
): Promise<DevServerWorker<Store>>;
export async function startDevServerWorker(
  prefix: string,
  wrap: (store: EventStore) => EventStore = (store) => store,
): Promise<DevServerWorker> {
  const temporal = testTemporal();
  const taskQueue = uniqueTaskQueue(prefix);
  const store = wrap(await createEventStore({ kind: 'pglite' }));
  const worker: TownsWorker = await createTestWorker(temporal, taskQueue, store);
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

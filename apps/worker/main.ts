/** The worker alone, for deployments where the event store admits several processes (PostgreSQL, KurrentDB). */
import { describeStartupFailure } from '../startup-failure';
import { loadConfig } from '../../infra/config/app-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { createTownsWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required to run the worker on its own');
  const store = await createEventStore(config.eventStore);
  const worker = await createTownsWorker({
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    security: config.temporal.security,
    store,
  });
  const stop = () => void worker.shutdown();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`Worker polling ${config.temporal.taskQueue} on ${config.temporal.address}`);
  await worker.run();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});

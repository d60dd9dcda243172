/** What `npm run start:worker` runs once its command line is read (main.ts). */
import { describeStartupFailure } from '../startup-failure';
import { loadConfig } from '../../infra/config/app-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { loadMetricsConfig } from '../../infra/observability/metrics-config';
import { serveMetrics } from '../../infra/observability/metrics-server';
import { serviceMetrics } from '../../infra/observability/service-metrics';
import { startTracingFromEnvironment } from '../../infra/observability/tracing';
import { installTemporalMetrics } from '../../infra/temporal/temporal-metrics';
import { createTownsWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required to run the worker on its own');
  const metrics = loadMetricsConfig();
  if (metrics.temporalAddress) installTemporalMetrics(metrics.temporalAddress);
  // Before the worker is made: it adds its tracing interceptors only if tracing is on.
  const tracing = startTracingFromEnvironment('characteristic-towns-worker');
  const metricsServer = metrics.port ? await serveMetrics(serviceMetrics(), metrics.port) : undefined;
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
  metricsServer?.close();
  await tracing?.shutdown();
}

/** Runs the process; a failure to start is printed and ends it with status 1. */
export function runWorker(): void {
  main().catch((error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  });
}

/** What `npm run start:worker` runs once its command line and settings are read (main.ts). */
import { describeStartupFailure } from '../startup-failure';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { serveMetrics } from '../../infra/observability/metrics-server';
import { serviceMetrics } from '../../infra/observability/service-metrics';
import { startTracingWith } from '../../infra/observability/tracing';
import { installTemporalMetrics } from '../../infra/temporal/temporal-metrics';
import type { WorkerProcessSettings } from '../process-settings';
import { createTownsWorker } from './create-worker';
import { townsWorkerOptions } from './worker-options';

async function main(settings: WorkerProcessSettings): Promise<void> {
  const { config, metrics, temporalAddress } = settings;
  if (metrics.temporalAddress) installTemporalMetrics(metrics.temporalAddress);
  // Before the worker is made: it adds its tracing interceptors only if tracing is on.
  const tracing = startTracingWith(settings.tracing, 'characteristic-towns-worker');
  const metricsServer = metrics.port ? await serveMetrics(serviceMetrics(), metrics.port) : undefined;
  const store = await createEventStore(config.eventStore);
  const worker = await createTownsWorker(townsWorkerOptions(settings, temporalAddress, store));
  const stop = () => void worker.shutdown();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`Worker polling ${config.temporal.taskQueue} on ${temporalAddress}`);
  await worker.run();
  await store.close();
  metricsServer?.close();
  await tracing?.shutdown();
}

/** Runs the process; a failure to start is printed and ends it with status 1. */
export function runWorker(settings: WorkerProcessSettings): void {
  main(settings).catch((error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  });
}

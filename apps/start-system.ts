/** What `npm start` and `npm run start:training` run once the command line is read (apps/start.ts). */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { describeStartupFailure } from './startup-failure';
import { chooseProgramme } from '../infra/config/programme-choice';
import { createEventStore } from '../infra/event-store/create-event-store';
import type { EventStore } from '../infra/event-store/event-store.port';
import { startDevServer } from '../infra/temporal/dev-server';
import { superviseDevServer } from '../infra/temporal/dev-server-supervisor';
import {
  startTimeSkippingServer,
  timeSkippingNamespace,
  type TrainingClock,
} from '../infra/temporal/time-skipping-server';
import { connectTemporalClient } from '../infra/temporal/temporal-connection';
import { installTemporalMetrics } from '../infra/temporal/temporal-metrics';
import { reservePorts } from '../infra/temporal/port-utils';
import { startTracingWith } from '../infra/observability/tracing';
import { resolveAuthKeys } from '../infra/auth/auth-config';
import type { AuditConfig } from '../infra/audit/audit-config';
import { verifierFor } from './api/api-config';
import { createApi } from './api/create-api';
import { devSignInKeys } from './api/dev-sign-in/dev-sign-in.keys';
import { ensureConsoleBuilt } from '../scripts/console-build';
import { ensureProgrammeStarted } from './api/programme/ensure-programme';
import { createTownsWorker } from './worker/create-worker';
import { townsWorkerOptions } from './worker/worker-options';
import type { RunningCheckpointer } from './checkpointer/run-checkpointer';
import { listenHttp, requireHttpPortFree } from './http-port';
import type { StartSettings } from './start-settings';
import { claimTrainingDirectory } from './training-directory';
import { startBanner } from './start-banner';
import { StopStack } from './stop-stack';

async function main(started: StopStack, training: boolean, settings: StartSettings): Promise<void> {
  await requireHttpPortFree(settings.config.http.host, settings.config.http.port);
  // Only now anything is written: the settings are taken and the port is free.
  const config = training ? trainingConfig(settings.config) : settings.config;
  // First, before any connection: the SDK's runtime is made once per process.
  const { temporalAddress: temporalMetricsAddress, port: metricsPort } = settings.metrics;
  if (temporalMetricsAddress) installTemporalMetrics(temporalMetricsAddress);
  // Bound only once the dev server runs, which picks two ports of its own first: never these.
  reservePorts(config.http.port, ...(metricsPort === undefined ? [] : [metricsPort]));
  // Before any client or worker is made: they add their tracing interceptors only if it is on.
  const tracing = startTracingWith(settings.tracing, 'characteristic-towns');
  if (tracing) started.push(() => tracing.shutdown());
  // Without AUTH_PUBLIC_KEY_FILE, a key pair of its own under data/auth/, so `npm run token` can sign.
  const { auth } = settings;
  const keys = settings.keys ?? resolveAuthKeys(auth, { devKeyDir: join(config.dataDir, 'auth') });
  let address = config.temporal.address;
  let temporalUiUrl: string | undefined;
  let trainingClock: TrainingClock | undefined;
  if (training) {
    console.log('Starting the Temporal time-skipping test server (training mode)…');
    const server = await startTimeSkippingServer();
    started.push(() => server.stop());
    address = server.address;
    trainingClock = server.clock;
  } else if (!address) {
    console.log('Starting the Temporal dev server…');
    const devServer = await superviseDevServer({
      launch: () =>
        startDevServer({
          dataDir: join(config.dataDir, 'temporal'),
          namespace: config.temporal.namespace,
          port: config.temporal.devServerPort,
          uiPort: config.temporal.devServerUiPort,
          headless: false,
          // Auditors replay every run's history (npm run audit -- replay); a programme lasts years.
          historyRetentionDays: 10 * 366,
        }),
      log: (line) => console.log(line),
    });
    started.push(() => devServer.stop());
    void devServer.gaveUp.then((error) => started.fail('the Temporal dev server cannot be restarted', error));
    address = devServer.current.address;
    temporalUiUrl = devServer.current.uiUrl;
  }

  const store = await createEventStore(config.eventStore);
  started.push(() => store.close());
  // The programme kept in the data directory, whatever day it is; the first start chooses and keeps it.
  const programme = await chooseProgramme({ config, store, mayChooseNew: true });
  const { programmeId, policy } = programme.record;
  const apiSettings = {
    ...settings.api,
    taskQueue: config.temporal.taskQueue,
    policy,
    programmeId,
    // The API's own checks decide at the virtual instant the workflows see.
    ...(trainingClock ? { now: trainingClock.now } : {}),
  };
  const worker = await createTownsWorker({
    ...townsWorkerOptions({ ...settings, config }, address, store),
    // The programme is known here; a training run keeps no ledger (it makes no checkpoints).
    ledgerProgramme: training ? false : () => Promise.resolve(programmeId),
    ...(training ? { serverKind: 'test-server' as const } : {}),
  });
  started.push(() => worker.shutdown());
  void worker.run().catch((error: unknown) => started.fail('the worker stopped', error));
  const temporal = connectTemporalClient(
    { ...config.temporal, address },
    training ? 'test-server' : 'server',
  );
  started.push(() => temporal.close());
  // The programme runs from the first start on: it opens its batches and reviews by itself.
  const programmeWorkflowId = await ensureProgrammeStarted(temporal.client, {
    programmeId,
    policy,
    taskQueue: config.temporal.taskQueue,
    ...(config.restartFailedRun ? { restartFailedRun: config.restartFailedRun } : {}),
    // Recorded in the log, so auditors can re-decide every step under exactly this pack.
    store,
  });
  ensureConsoleBuilt();
  const api = await createApi({
    client: temporal.client,
    store,
    verifier: verifierFor(auth, keys, policy),
    settings: apiSettings,
    audit: { jobsDir: settings.auditJobs.config.jobsDir, scheduling: settings.auditJobs.scheduling },
    devSignIn: devSignInKeys(auth, keys),
    ...(trainingClock ? { trainingClock } : {}),
  });
  // Pushed before it listens: a failure to bind then stops the API's own work (its read models) too.
  started.push(() => api.close());
  await listenHttp(api, config.http.host, config.http.port);
  // A training run's log lives in memory and ends with it: nothing there for an auditor to seal.
  const checkpointer = settings.checkpointer
    ? await startInProcessCheckpointer(store, settings.checkpointer, {
        client: temporal.client,
        taskQueue: config.temporal.taskQueue,
        programmeId,
      })
    : undefined;
  if (checkpointer) started.push(() => checkpointer.stop());

  console.log(
    startBanner({
      config,
      temporalAddress: address,
      temporalUiUrl,
      programme,
      programmeWorkflowId,
      auth,
      keys: { ...keys, canMint: keys.privateKey !== undefined },
      checkpointer,
      ...(trainingClock ? { trainingNow: trainingClock.now() } : {}),
    }),
  );
}

/**
 * Training's own settings, on top of those read and checked (start-settings.ts): the test server's
 * namespace, and a store in memory, because the time-skipping server keeps nothing when it stops and a
 * log that outlived it would name workflows that no longer exist. For the same reason every training run
 * chooses its programme anew, opening on the day it starts: the record is deleted; the keys (and so the
 * tokens) are kept.
 */
function trainingConfig(config: StartSettings['config']): StartSettings['config'] {
  claimTrainingDirectory(config.dataDir);
  rmSync(config.programmeFile, { force: true });
  return {
    ...config,
    temporal: { ...config.temporal, namespace: timeSkippingNamespace },
    eventStore: { kind: 'pglite' as const },
  };
}

/**
 * With the embedded store, the checkpointer cannot run as a process of its own while this one holds the
 * store, so it may run here instead — at the cost the banner states: the key is then in the same
 * process as the log's writer, and whoever controls this process can sign a rewritten log.
 */
async function startInProcessCheckpointer(
  store: EventStore,
  audit: AuditConfig,
  ledger: { client: Client; taskQueue: string; programmeId: string },
): Promise<RunningCheckpointer> {
  const { startCheckpointer } = await import('./checkpointer/run-checkpointer');
  return startCheckpointer({ store, audit, ledger });
}

/**
 * Runs the whole system (`training`: on the time-skipping server) on settings already read and checked;
 * a failed start stops what it started.
 */
export function startSystem(training: boolean, settings: StartSettings): void {
  const started = new StopStack();
  // From the first moment: a Ctrl+C during start-up stops what has started so far.
  process.on('SIGINT', () => void started.stopAll('SIGINT', 0));
  process.on('SIGTERM', () => void started.stopAll('SIGTERM', 0));
  // Whatever started before a failure (the dev server above all) must not outlive this process.
  const failed = (error: unknown): Promise<void> => {
    console.error(describeStartupFailure(error));
    return started.stopAll(undefined, 1);
  };
  // A throw nobody catches, or a promise nobody awaits that fails, would end the process at once and
  // leave the dev server running: it stops everything instead, as a failure to start does.
  process.on('uncaughtException', (error) => void failed(error));
  main(started, training, settings).catch(failed);
}

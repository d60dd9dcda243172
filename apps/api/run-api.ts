/** What `npm run start:api` runs once its command line and settings are read (main.ts). */
import { chooseProgramme } from '../../infra/config/programme-choice';
import { describeStartupFailure } from '../startup-failure';
import { listenHttp } from '../http-port';
import type { ApiProcessSettings } from '../process-settings';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { startTracingWith } from '../../infra/observability/tracing';
import { connectTemporalClient } from '../../infra/temporal/temporal-connection';
import { verifierFor } from './api-config';
import { createApi } from './create-api';
import { ensureProgrammeStarted } from './programme/ensure-programme';

async function main(settings: ApiProcessSettings): Promise<void> {
  const { config, auth, keys, auditJobs } = settings;
  // Before the client and the API are made: they trace only if tracing is on.
  const tracing = startTracingWith(settings.tracing, 'characteristic-towns-api');
  const store = await createEventStore(config.eventStore);
  // The programme kept in the data directory, or the one the shared store already holds: every API
  // process runs the same one, whichever started first and on whatever day.
  const { record, how, file } = await chooseProgramme({ config, store, mayChooseNew: true });
  const { programmeId, policy } = record;
  const temporal = connectTemporalClient({
    address: settings.temporalAddress,
    namespace: config.temporal.namespace,
    security: config.temporal.security,
  });
  // Idempotent: whichever process starts first starts the programme; the others find it running.
  await ensureProgrammeStarted(temporal.client, {
    programmeId,
    policy,
    taskQueue: config.temporal.taskQueue,
    ...(config.restartFailedRun ? { restartFailedRun: config.restartFailedRun } : {}),
    // Recorded in the log, so auditors can re-decide every step under exactly this pack.
    store,
  });
  const api = await createApi({
    client: temporal.client,
    store,
    verifier: verifierFor(auth, keys, policy),
    settings: { ...settings.api, taskQueue: config.temporal.taskQueue, policy, programmeId },
    audit: { jobsDir: auditJobs.config.jobsDir, scheduling: auditJobs.scheduling },
  });
  // Beside Nest's own shutdown hooks: what is buffered is sent while the API drains.
  if (tracing)
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void tracing.shutdown());
  await listenHttp(api, config.http.host, config.http.port);
  console.log(
    `API on http://localhost:${config.http.port}/api (docs: /api/docs), programme ${programmeId} (${how}, ${file})`,
  );
}

/** Runs the process; a failure to start is printed and ends it with status 1. */
export function runApi(settings: ApiProcessSettings): void {
  main(settings).catch((error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  });
}

/** What `npm run start:api` runs once its command line is read (main.ts). */
import { chooseProgramme } from '../../infra/config/programme-choice';
import { describeStartupFailure } from '../startup-failure';
import { listenHttp } from '../http-port';
import { loadConfig } from '../../infra/config/app-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { startTracingFromEnvironment } from '../../infra/observability/tracing';
import { connectTemporalClient } from '../../infra/temporal/temporal-connection';
import { loadAuthConfig, resolveAuthKeys } from '../../infra/auth/auth-config';
import { loadApiSettings, verifierFor } from './api-config';
import { createApi } from './create-api';
import { ensureProgrammeStarted } from './programme/ensure-programme';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required to run the API on its own');
  // Before the client and the API are made: they trace only if tracing is on.
  const tracing = startTracingFromEnvironment('characteristic-towns-api');
  // On its own the API only verifies: the key comes from the identity provider (AUTH_PUBLIC_KEY_FILE).
  const auth = loadAuthConfig();
  const keys = resolveAuthKeys(auth);
  const store = await createEventStore(config.eventStore);
  // The programme kept in the data directory, or the one the shared store already holds: every API
  // process runs the same one, whichever started first and on whatever day.
  const { record, how, file } = await chooseProgramme({ config, store, mayChooseNew: true });
  const { programmeId, policy } = record;
  const settings = loadApiSettings({ taskQueue: config.temporal.taskQueue, policy, programmeId });
  const temporal = connectTemporalClient({
    address: config.temporal.address,
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
    settings,
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
export function runApi(): void {
  main().catch((error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  });
}

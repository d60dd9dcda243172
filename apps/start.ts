/**
 * `npm start`: the whole system in one process on one machine — a Temporal dev server (unless
 * TEMPORAL_ADDRESS names one), the worker, and the API, sharing one event store. One process because
 * the embedded store (PGlite) admits one process at a time; with PostgreSQL or KurrentDB the worker
 * and the API can also run apart (apps/worker/main.ts, apps/api/main.ts).
 */
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { resolveProgrammePolicy } from '../infra/config/programme-policy';
import { describeStartupFailure } from './startup-failure';
import { loadConfig } from '../infra/config/app-config';
import { createEventStore } from '../infra/event-store/create-event-store';
import type { EventStore } from '../infra/event-store/event-store.port';
import { startDevServer, type RunningDevServer } from '../infra/temporal/dev-server';
import { connectTemporalClient } from '../infra/temporal/temporal-connection';
import { loadAuthConfig, resolveAuthKeys } from '../infra/auth/auth-config';
import { loadApiSettings, verifierFor } from './api/api-config';
import { programmeIdOf } from './api/api.tokens';
import { createApi } from './api/create-api';
import { ensureProgrammeStarted } from './api/programme/ensure-programme';
import { createTownsWorker } from './worker/create-worker';
import type { RunningCheckpointer } from './checkpointer/run-checkpointer';

async function main(): Promise<void> {
  const config = loadConfig();
  const policy = resolveProgrammePolicy(config.policy, new Date());
  // Without AUTH_PUBLIC_KEY_FILE, a key pair of its own under data/auth/, so `npm run token` can sign.
  const auth = loadAuthConfig();
  const keys = resolveAuthKeys(auth, { devKeyDir: join(config.dataDir, 'auth') });
  const settings = loadApiSettings({ taskQueue: config.temporal.taskQueue, policy });
  let devServer: RunningDevServer | undefined;
  let address = config.temporal.address;
  if (!address) {
    console.log('Starting the Temporal dev server…');
    devServer = await startDevServer({
      dataDir: join(config.dataDir, 'temporal'),
      namespace: config.temporal.namespace,
      port: config.temporal.devServerPort,
      uiPort: config.temporal.devServerUiPort,
      headless: false,
      // Auditors replay every run's history (npm run audit -- replay); a programme lasts years.
      historyRetentionDays: 10 * 366,
    });
    address = devServer.address;
  }

  const store = await createEventStore(config.eventStore);
  const worker = await createTownsWorker({
    address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    security: config.temporal.security,
    store,
  });
  const workerRun = worker.run();
  const temporal = connectTemporalClient({ ...config.temporal, address });
  // The programme runs from the first start on: it opens its batches and reviews by itself.
  const programmeId = programmeIdOf(settings);
  const programmeWorkflow = await ensureProgrammeStarted(temporal.client, {
    programmeId,
    policy,
    taskQueue: config.temporal.taskQueue,
    // Recorded in the log, so auditors can re-decide every step under exactly this pack.
    store,
  });
  const api = await createApi({
    client: temporal.client,
    store,
    verifier: verifierFor(auth, keys, policy),
    settings,
  });
  await api.listen(config.http.port, config.http.host);
  const checkpointer = process.env.AUDIT_SIGNING_KEY_FILE
    ? await startInProcessCheckpointer(store, {
        client: temporal.client,
        taskQueue: config.temporal.taskQueue,
        programmeId,
      })
    : undefined;

  const apiUrl = `http://localhost:${config.http.port}`;
  console.log(
    [
      '',
      'Characteristic towns programme is running:',
      `  API            ${apiUrl}/api`,
      `  API docs       ${apiUrl}/api/docs   (OpenAPI: ${apiUrl}/api/docs-json)`,
      `  Health         ${apiUrl}/api/health/ready`,
      `  Temporal       ${address} (namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue})`,
      ...(devServer?.uiUrl ? [`  Temporal UI    ${devServer.uiUrl}`] : []),
      `  Event store    ${describeStore(config.eventStore)}`,
      `  Programme      ${policy.title.en} — ${policy.id} (version ${policy.version.slice(0, 12)})`,
      `                 programme id ${programmeId}, workflow ${programmeWorkflow}`,
      ...policy.batches.map(
        (batch) =>
          `    batch ${batch.id}: applications ${batch.applicationOpensOn} – ${batch.applicationClosesOn}`,
      ),
      `  Sign-in        bearer tokens from ${auth.issuer} for ${auth.audience}, key ${keys.publicKeyFile}` +
        (keys.generated ? ' (new development key pair)' : ''),
      ...checkpointerLines(checkpointer, config.eventStore.kind === 'pglite'),
      ...(keys.privateKey
        ? [
            '  Mint a token   npm run token -- --role county-official --county 芦溪县',
            `                 curl -H "Authorization: Bearer $(npm run -s token -- --role auditor)" ${apiUrl}/api/towns`,
          ]
        : []),
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await checkpointer?.stop();
    await api.close();
    await worker.shutdown();
    await temporal.close();
    await store.close();
    await devServer?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await workerRun;
}

/**
 * With the embedded store, the checkpointer cannot run as a process of its own while this one holds the
 * store, so it may run here instead — at the cost the banner states: the key is then in the same
 * process as the log's writer, and whoever controls this process can sign a rewritten log.
 */
async function startInProcessCheckpointer(
  store: EventStore,
  ledger: { client: Client; taskQueue: string; programmeId: string },
): Promise<RunningCheckpointer> {
  const { loadAuditConfig } = await import('../infra/audit/audit-config');
  const { startCheckpointer } = await import('./checkpointer/run-checkpointer');
  return startCheckpointer({ store, audit: loadAuditConfig(), ledger });
}

function checkpointerLines(checkpointer: RunningCheckpointer | undefined, embeddedStore: boolean): string[] {
  if (checkpointer === undefined && embeddedStore) {
    // The embedded store admits one process: a checkpointer of its own could not open it while this runs.
    return [
      '  Checkpoints    none made: set AUDIT_SIGNING_KEY_FILE to make them in this process (the embedded',
      '                 store admits one process at a time; see docs/decisions/0023)',
    ];
  }
  if (checkpointer === undefined) {
    return [
      '  Checkpoints    none made by this process: run `npm run checkpointer` with its own key',
      '                 (or set AUDIT_SIGNING_KEY_FILE to make them here; see docs/decisions/0023)',
    ];
  }
  return [
    `  Checkpoints    every ${checkpointer.every}, signed by ${checkpointer.keyId}, into ${checkpointer.sinks}`,
    '                 WARNING: the signing key is held by this process, which also writes the log: whoever',
    '                 controls it can sign a rewritten log. To keep them apart, unset AUDIT_SIGNING_KEY_FILE',
    '                 here and run `npm run checkpointer` as another user (needs PostgreSQL).',
  ];
}

function describeStore(config: ReturnType<typeof loadConfig>['eventStore']): string {
  switch (config.kind) {
    case 'pglite':
      return `embedded PostgreSQL (PGlite) in ${config.dataDir ?? 'memory'}`;
    case 'postgres':
      return `PostgreSQL ${config.url.replace(/\/\/[^@]*@/, '//***@')}`;
    case 'kurrentdb':
      return `KurrentDB ${config.url}`;
  }
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createApi } from '../../apps/api/create-api';
import { ensureProgrammeStarted } from '../../apps/api/programme/ensure-programme';
import { createTownsWorker, type TownsWorker } from '../../apps/worker/create-worker';
import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import { pingxiang2017 } from '../../domain/policy/packs/pingxiang-2017';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { rehearsalOf } from '../../domain/policy/rehearsal-calendar';
import type { HumanSeat } from '../../domain/shared/seats';
import { mintToken } from '../../infra/auth/token-issuer';
import { createTokenVerifier } from '../../infra/auth/token-verifier';
import { createEventStore, type EventStoreConfig } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { startDevServer, type RunningDevServer } from '../../infra/temporal/dev-server';
import { freePort } from '../../infra/temporal/port-utils';
import { trivialActivities } from './trivial.activities';

/**
 * Everything `npm start` runs, in this process: dev server, worker, the store (PGlite unless `store`
 * says otherwise), the API listening.
 */
export interface BenchSystem {
  readonly url: string;
  readonly client: Client;
  readonly store: EventStore;
  readonly policy: PolicyPack;
  readonly taskQueue: string;
  readonly trivialTaskQueue: string;
  token(seat: HumanSeat, county?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchSystem(options: { store?: EventStoreConfig } = {}): Promise<BenchSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'towns-bench-api-'));
  const policy = rehearsalOf(pingxiang2017, formatLocalDate(localDateOf(new Date().toISOString())));
  const namespace = 'default';
  const server: RunningDevServer = await startDevServer({
    dataDir: join(dataDir, 'temporal'),
    namespace,
    port: await freePort(),
    headless: true,
  });
  const store = await createEventStore(
    options.store ?? { kind: 'pglite', dataDir: join(dataDir, 'event-store') },
  );
  const taskQueue = 'bench-api';
  const trivialTaskQueue = 'bench-trivial';
  const worker: TownsWorker = await createTownsWorker({
    address: server.address,
    namespace,
    taskQueue,
    store,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace });
  const trivialConnection = await NativeConnection.connect({ address: server.address });
  const trivialWorker = await Worker.create({
    connection: trivialConnection,
    namespace,
    taskQueue: trivialTaskQueue,
    workflowsPath: require.resolve('./trivial.workflow'),
    activities: trivialActivities,
  });
  const trivialRunning = trivialWorker.run();

  const unlimited = {
    commands: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
    heavyReads: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
  };
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const issuer = 'towns-bench';
  const audience = 'towns-api';
  const verifier = createTokenVerifier({ publicKey, algorithm: 'EdDSA', issuer, audience, policy });
  const app: NestExpressApplication = await createApi(
    {
      client,
      store,
      verifier,
      // The benchmark measures the API under load: no caller limit may turn its requests into 429s.
      settings: { taskQueue, policy, callerRateLimits: unlimited },
    },
    { logger: false, requestLog: false },
  );
  await ensureProgrammeStarted(client, { programmeId: policy.id, policy, taskQueue });
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    client,
    store,
    policy,
    taskQueue,
    trivialTaskQueue,
    token: benchTokens(privateKey, { issuer, audience }),
    stop: async () => {
      await app.close();
      trivialWorker.shutdown();
      await trivialRunning;
      await trivialConnection.close();
      await worker.shutdown();
      await running;
      await connection.close();
      await store.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Tokens for the load: one user per seat and county, signed with the key the API under test verifies. */
export function benchTokens(
  privateKey: KeyObject,
  names: { readonly issuer: string; readonly audience: string },
): BenchSystem['token'] {
  return (seat, county) =>
    mintToken({
      privateKey,
      algorithm: 'EdDSA',
      ...names,
      principal: {
        userId: `bench-${seat}${county ? `-${county}` : ''}`,
        seat,
        ...(county ? { county } : {}),
      },
      ttlSeconds: 3600,
    });
}

import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import { batchDecider } from '../../domain/batch';
import type { ApiSettings } from '../../apps/api/api.tokens';
import { createApi } from '../../apps/api/create-api';
import { ensureProgrammeStarted } from '../../apps/api/programme/ensure-programme';
import type { RequestLogSink } from '../../apps/api/http/request-context';
import { createTestWorker } from './dev-server-worker';
import type { TownsWorker, TownsWorkerOptions } from '../../apps/worker/create-worker';
import type { AuditApiSettings } from '../../apps/api/audit/audit-settings';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { SigningAlgorithm } from '../../infra/auth/auth-keys';
import type { HumanSeat } from '../../domain/shared/seats';
import type { Principal } from '../../infra/auth/principal';
import { mintToken } from '../../infra/auth/token-issuer';
import { createTokenVerifier, type TokenVerifier } from '../../infra/auth/token-verifier';
import { createEventStore, type EventStoreConfig } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { tracingClientInterceptors } from '../../infra/temporal/temporal-tracing';
import { waitForWorkflow } from './programme-startup';
import { testTemporal, uniqueTaskQueue } from './test-env';
import { pingxiangRehearsalOpeningToday } from './test-policy';

/** A token issuer of the tests' own: a fresh Ed25519 key pair per test file, never written to disk. */
export interface TestAuth {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithm: SigningAlgorithm;
  readonly privateKey: KeyObject;
  readonly verifier: TokenVerifier;
  /**
   * A valid token; `seat` alone uses a default user (and, for county officials, `county`; for inspectors,
   * `unit`).
   */
  tokenFor(
    who: Principal | { seat: HumanSeat; county?: string; unit?: string },
    options?: TokenOptions,
  ): Promise<string>;
}

export interface TokenOptions {
  readonly ttlSeconds?: number;
  readonly issuedAt?: Date;
  readonly issuer?: string;
  readonly audience?: string;
  readonly privateKey?: KeyObject;
}

export function createTestAuth(policy: PolicyPack): TestAuth {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const issuer = 'towns-test';
  const audience = 'towns-api';
  return {
    issuer,
    audience,
    algorithm: 'EdDSA',
    privateKey,
    verifier: createTokenVerifier({ publicKey, algorithm: 'EdDSA', issuer, audience, policy }),
    tokenFor: (who, options = {}) =>
      mintToken({
        privateKey: options.privateKey ?? privateKey,
        algorithm: 'EdDSA',
        issuer: options.issuer ?? issuer,
        audience: options.audience ?? audience,
        principal:
          'userId' in who
            ? who
            : {
                userId: `${who.seat}${who.county || who.unit ? `-${who.county ?? who.unit}` : ''}-1`,
                ...who,
              },
        ttlSeconds: options.ttlSeconds ?? 600,
        ...(options.issuedAt ? { issuedAt: options.issuedAt } : {}),
      }),
  };
}

export interface RunningSystem {
  readonly app: NestExpressApplication;
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  readonly policy: PolicyPack;
  /** A programme of this system's own: test files share the dev server, never a programme. */
  readonly programmeId: string;
  readonly auth: TestAuth;
  /** Starts the programme as `npm start` does (already done unless `programmeStarted: false`). */
  startProgramme(): Promise<void>;
  /**
   * Another API process over the same Temporal client and store, as after a restart (on other settings if
   * given); stopped with the rest.
   */
  startAnotherApi(settings?: RunningSystemOptions['settings']): Promise<NestExpressApplication>;
  /** Stops the worker as its process would stop, leaving the APIs running; `stop` then skips it. */
  stopWorker(): Promise<void>;
  /** Stops one API as its process would stop (shutdown hooks run), leaving the rest running. */
  stopApi(app: NestExpressApplication): Promise<void>;
  /** Stops everything; a second call does nothing. */
  stop(): Promise<void>;
}

export interface RunningSystemOptions {
  readonly settings?: Partial<Omit<ApiSettings, 'taskQueue' | 'policy' | 'programmeId'>>;
  readonly requestLog?: RequestLogSink;
  /** `false`: the API starts before the programme does (the test starts it); the default starts it first. */
  readonly programmeStarted?: boolean;
  /** Default: an in-memory PGlite store. */
  readonly eventStore?: EventStoreConfig;
  /** Puts something between the system and its store (faults injected into appends). */
  readonly wrapStore?: (store: EventStore) => EventStore;
  /**
   * The worker's bundle (default: the run's; another one bundled with other workflow interceptors, for
   * traces) and its audit jobs' directories, keys, queue and slots (default: the environment's).
   */
  readonly worker?: Pick<TownsWorkerOptions, 'workflowBundle' | 'audit' | 'auditScheduling'>;
  /** The audit routes' jobs directory and scheduling (default: the environment's). */
  readonly audit?: AuditApiSettings;
}

/**
 * The real system for one test file: the run's Temporal dev server, a worker on a task queue of its
 * own, an in-memory PGlite event store (a real PostgreSQL) unless told another, the programme's workflow started as
 * `npm start` does, and the NestJS API in front of them, accepting tokens signed by `auth`. The
 * rehearsal calendar opens today, so the programme opens the first batch at once; this waits until
 * the batch's workflow exists, so the first application finds it.
 */
export async function startRunningSystem(options: RunningSystemOptions = {}): Promise<RunningSystem> {
  const temporal = testTemporal();
  const taskQueue = uniqueTaskQueue('api');
  const policy = pingxiangRehearsalOpeningToday();
  const auth = createTestAuth(policy);
  const opened = await createEventStore(options.eventStore ?? { kind: 'pglite' });
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const programmeId = `${policy.id}-${randomUUID().slice(0, 8)}`;
  // As `npm start` tells its worker: verifications read this programme's ledger.
  const worker: TownsWorker = await createTestWorker(temporal, taskQueue, store, {
    ...options.worker,
    ledgerProgramme: () => Promise.resolve(programmeId),
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  // As the API's own client: traced while tracing is on.
  const client = new Client({
    connection,
    namespace: temporal.namespace,
    interceptors: tracingClientInterceptors(),
  });
  const startProgramme = async (): Promise<void> => {
    // As `npm start` does: the pack is recorded in the log before the programme starts.
    await ensureProgrammeStarted(client, { programmeId, policy, taskQueue, store });
    const [firstBatch] = policy.batches;
    if (firstBatch)
      await waitForWorkflow(client, batchDecider.streamOf(programmeId, firstBatch.id, 'unambiguous'));
  };
  const programmeFirst = options.programmeStarted ?? true;
  if (programmeFirst) await startProgramme();
  const apps: NestExpressApplication[] = [];
  const startApi = async (settings = options.settings): Promise<NestExpressApplication> => {
    const app = await createApi(
      {
        client,
        store,
        verifier: auth.verifier,
        settings: { taskQueue, policy, programmeId, ...settings },
        ...(options.audit ? { audit: options.audit } : {}),
      },
      { logger: false, requestLog: options.requestLog ?? false },
    );
    apps.push(app);
    await app.init();
    return app;
  };
  const app = await startApi();
  // As a deployment waits for readiness before sending officials' requests.
  if (programmeFirst) {
    const ready = await waitUntilReady(app);
    if (ready.status !== 200)
      throw new Error(`The system did not become ready: ${JSON.stringify(ready.body)}`);
  }
  let stopped = false;
  let workerStopped = false;
  const stopWorker = async (): Promise<void> => {
    if (workerStopped) return;
    workerStopped = true;
    await worker.shutdown();
    await workerRun;
  };
  return {
    app,
    client,
    store,
    taskQueue,
    policy,
    programmeId,
    auth,
    startProgramme,
    startAnotherApi: startApi,
    stopWorker,
    stopApi: async (stopped) => {
      apps.splice(apps.indexOf(stopped), 1);
      await stopped.close();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const running of apps) await running.close();
      await stopWorker();
      await connection.close();
      await store.close();
    },
  };
}

/** Polls `/api/health/ready` (bounded) until it answers 200; the last answer if it never does. */
export async function waitUntilReady(
  app: NestExpressApplication,
  timeoutMs = 30_000,
): Promise<request.Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await request(app.getHttpServer()).get('/api/health/ready');
    if (answer.status === 200 || Date.now() > deadline) return answer;
    // Within the public rate limit (120 a minute by default).
    await delay(100);
  }
}

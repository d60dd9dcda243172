import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import { pingxiang2017 } from '../../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../../domain/policy/rehearsal-calendar';
import { createEventStore, type EventStoreConfig } from '../../infra/event-store/create-event-store';
import { startDevServer } from '../../infra/temporal/dev-server';
import { freePort } from '../../infra/temporal/port-utils';
import {
  memoryOf,
  startOwnProcess,
  startWorkerProcess,
  temporalAndStore,
  type OwnProcess,
} from '../worker/worker-process';
import { benchTokens, type BenchSystem } from './bench-system';
import { cpuMsOf, cpuMsOfProcessesNamed, type CpuByPart } from './process-cpu';

/** The system as a deployment runs it, and the pids whose memory the benchmark reports. */
export interface BenchProcesses extends BenchSystem {
  /** Resident memory of the API and of each worker, for the report. */
  memory(): string;
  /** Resident MiB of the worker that holds the most. */
  largestWorkerMiB(): number;
  /** CPU used so far by each part: the API, the workers, the bare worker, Temporal, PostgreSQL, the load. */
  cpu(): CpuByPart;
}

const NO_LIMIT = String(Number.MAX_SAFE_INTEGER);

/**
 * The deployment of docs/deployment.md on one machine: a dev server, PostgreSQL, `npm run start:api` and
 * `workers` × `npm run start:worker`, each a process of its own; the bare Updates' worker in one more.
 * Each inherits this process's environment, so `WORKER_MAX_CACHED_WORKFLOWS` sets the workers' cache.
 * This process only sends the load, so a step's latency is not spent waiting behind the load generator
 * on the API's thread, as it is when everything shares one process (`npm start`).
 */
export async function startBenchProcesses(options: {
  readonly store: Extract<EventStoreConfig, { kind: 'postgres' }>;
  readonly workers: number;
}): Promise<BenchProcesses> {
  const place = mkdtempSync(join(tmpdir(), 'towns-bench-processes-'));
  const namespace = 'default';
  const taskQueue = 'bench-api';
  const trivialTaskQueue = 'bench-trivial';
  const opensOn = formatLocalDate(localDateOf(new Date().toISOString()));
  const policy = rehearsalOf(pingxiang2017, opensOn);
  const server = await startDevServer({
    dataDir: join(place, 'temporal'),
    namespace,
    port: await freePort(),
    headless: true,
  });
  const started: OwnProcess[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((each) => each.stop()));
    await server.stop();
    rmSync(place, { recursive: true, force: true });
  };
  try {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyFile = join(place, 'auth-public.pem');
    writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const where = { temporalAddress: server.address, namespace, store: options.store };
    const workers = await Promise.all(
      Array.from({ length: options.workers }, () => startWorkerProcess({ ...where, taskQueue })),
    );
    started.push(...workers);
    const bareWorker = await startOwnProcess(
      join('bench', 'api', 'trivial-worker-main.ts'),
      {
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_NAMESPACE: namespace,
        TEMPORAL_TASK_QUEUE: trivialTaskQueue,
      },
      /Bare worker polling/,
    );
    started.push(bareWorker);
    const port = await freePort();
    const api = await startOwnProcess(
      join('apps', 'api', 'main.ts'),
      {
        ...temporalAndStore(where),
        TEMPORAL_TASK_QUEUE: taskQueue,
        AUTH_PUBLIC_KEY_FILE: publicKeyFile,
        DATA_DIR: join(place, 'api'),
        POLICY_REHEARSAL_OPENS_ON: opensOn,
        HOST: '127.0.0.1',
        PORT: String(port),
        // The benchmark measures the API under load: no caller limit may turn its requests into 429s.
        RATE_LIMIT_COMMANDS: NO_LIMIT,
        RATE_LIMIT_HEAVY_READS: NO_LIMIT,
        RATE_LIMIT_PUBLIC: NO_LIMIT,
      },
      new RegExp(`^API on .* programme ${policy.id} `, 'm'),
    );
    started.push(api);
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, namespace });
    const store = await createEventStore(options.store);
    const postgresCpu = cpuMsOfProcessesNamed('postgres');
    return {
      url: `http://127.0.0.1:${port}`,
      client,
      store,
      policy,
      taskQueue,
      trivialTaskQueue,
      token: benchTokens(privateKey, { issuer: 'towns-local', audience: 'towns-api' }),
      memory: () => {
        const mib = (pid: number) => `${memoryOf(pid).residentMiB.toFixed(0)} MiB`;
        const each = workers.map((worker) => mib(worker.pid)).join(', ');
        return `API ${mib(api.pid)} resident; worker${workers.length > 1 ? 's' : ''} ${each}`;
      },
      largestWorkerMiB: () => Math.max(...workers.map((worker) => memoryOf(worker.pid).residentMiB)),
      cpu: () => ({
        api: cpuMsOf(api.pid),
        workers: workers.reduce((sum, worker) => sum + cpuMsOf(worker.pid), 0),
        'bare worker': cpuMsOf(bareWorker.pid),
        temporal: server.pid === undefined ? 0 : cpuMsOf(server.pid),
        postgres: postgresCpu(),
        'load (this process)': cpuMsOf(process.pid),
      }),
      stop: async () => {
        await connection.close();
        await store.close();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

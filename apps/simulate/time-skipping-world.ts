import { randomUUID } from 'node:crypto';
import type { Client, ConnectionPlugin } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fromEpochMs, toEpochMs } from '../../domain/calendar/instant';
import type { AuditJobsConfig } from '../../infra/audit/audit-jobs-config';
import { createEventStore, type EventStoreConfig } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { startTimeSkippingEnvironment } from '../../infra/temporal/time-skipping-server';
import { createTownsWorker, type TownsWorker } from '../worker/create-worker';
import { TimeSkippingStalledError, watched, withHeartbeat } from './stall-watchdog';

export { TimeSkippingStalledError } from './stall-watchdog';

/**
 * The time-skipping test server with a worker and an in-memory PGlite event store: years of a programme
 * pass in seconds. Time jumps only when the caller says so (`advanceTo`), and the server jumps only when
 * no workflow or activity task is outstanding, so everything due before the target has run when
 * `advanceTo` returns. The simulation, the workflow tests and the lifecycle benchmark all run here.
 */
export interface TimeSkippingWorld {
  readonly env: TestWorkflowEnvironment;
  readonly client: Client;
  readonly store: EventStore;
  readonly taskQueue: string;
  /** Skips to an instant (ISO-8601 with offset); an instant already past is a no-op. */
  advanceTo(instant: string): Promise<void>;
  /**
   * Lets every task already set off finish. The server skips time only while no workflow or activity
   * task is outstanding, so a skip of one minute returns once everything pending has run (a shorter one
   * could elapse in real time first).
   */
  settle(): Promise<void>;
  /** The server's clock, as an ISO-8601 UTC instant. */
  now(): Promise<string>;
  close(): Promise<void>;
}

export interface TimeSkippingWorldOptions {
  /** A pre-built workflow bundle (tests build one per run); without it the worker bundles workflows/. */
  readonly workflowBundlePath?: string;
  /** Defaults to a fresh name, so two worlds never share work. */
  readonly taskQueue?: string;
  /**
   * `false`: no product worker on the task queue (a benchmark's baseline brings its own worker and
   * should not share the process's threads with an idle one). Default `true`.
   */
  readonly productWorker?: boolean;
  /** With the product worker: how long a time skip may go without a single append (default 2 minutes). */
  readonly stallAfterMs?: number;
  /** Where the worker's audit jobs keep their files; default: from the environment. */
  readonly audit?: AuditJobsConfig;
  /** Puts something between the store and everyone using it (faults injected into appends). */
  readonly wrapStore?: (store: EventStore) => EventStore;
  /** The store the world's worker appends to; default an in-memory PGlite. */
  readonly eventStore?: EventStoreConfig;
}

/**
 * For large runs: the client's channel takes messages of 4 MB at most, less than one page of a large
 * programme's history. (A time skip that takes minutes of real work is one long call too, which the
 * test server's keep-alive rule, `testServerKeepAlive`, keeps on its connection.)
 */
const largeMessages: ConnectionPlugin = {
  name: 'large-messages',
  configureConnection: (options) => ({
    ...options,
    channelArgs: { ...options.channelArgs, 'grpc.max_receive_message_length': 128 * 1024 * 1024 },
  }),
};

export async function startTimeSkippingWorld(
  options: TimeSkippingWorldOptions = {},
): Promise<TimeSkippingWorld> {
  const env = await startTimeSkippingEnvironment([largeMessages]);
  const opened = await createEventStore(options.eventStore ?? { kind: 'pglite' });
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const taskQueue = options.taskQueue ?? `time-skipping-${randomUUID()}`;
  if (options.productWorker === false) return world(env, store, taskQueue, () => Promise.resolve(), null);
  const heartbeat = withHeartbeat(store);
  let worker: TownsWorker | undefined;
  let running: Promise<void> | undefined;
  try {
    worker = await createTownsWorker({
      address: env.address,
      namespace: env.namespace ?? 'default',
      taskQueue,
      store: heartbeat.store,
      serverKind: 'test-server',
      ...(options.workflowBundlePath ? { workflowBundle: { codePath: options.workflowBundlePath } } : {}),
      ...(options.audit ? { audit: options.audit } : {}),
    });
    running = worker.run();
  } catch (error) {
    await store.close();
    await env.teardown();
    throw error;
  }
  const started = worker;
  const stop = async () => {
    await started.shutdown();
    await running;
  };
  return world(env, store, taskQueue, stop, (skip) =>
    watched(env, skip, heartbeat.lastAppendMs, options.stallAfterMs ?? 120_000),
  );
}

export const FRESH_WORLD_ATTEMPTS = 3;

/**
 * Runs `work` in a world of its own, closed whatever happens. A world the test server stalls in
 * (TimeSkippingStalledError) is thrown away and the work starts again in a new one, up to three times:
 * work that is deterministic (a seeded simulation) gives the same result, only later.
 */
export async function inFreshWorld<T>(
  options: TimeSkippingWorldOptions,
  work: (world: TimeSkippingWorld) => Promise<T>,
  onRetry: (error: TimeSkippingStalledError, attempt: number) => void = () => undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const world = await startTimeSkippingWorld(options);
    try {
      return await work(world);
    } catch (error) {
      if (!(error instanceof TimeSkippingStalledError) || attempt >= FRESH_WORLD_ATTEMPTS) throw error;
      onRetry(error, attempt);
    } finally {
      await world.close();
    }
  }
}

function world(
  env: TestWorkflowEnvironment,
  store: EventStore,
  taskQueue: string,
  stopWorker: () => Promise<void>,
  watch: ((sleep: () => Promise<void>) => Promise<void>) | null,
): TimeSkippingWorld {
  const skip = (sleep: () => Promise<void>) => (watch ? watch(sleep) : sleep());
  return {
    env,
    client: env.client,
    store,
    taskQueue,
    advanceTo: async (instant) => {
      const gap = toEpochMs(instant) - (await env.currentTimeMs());
      if (gap > 0) await skip(() => env.sleep(gap));
    },
    settle: () => skip(() => env.sleep('1 minute')),
    now: async () => fromEpochMs(Math.floor(await env.currentTimeMs())),
    close: async () => {
      await stopWorker();
      await store.close();
      await env.teardown();
    },
  };
}

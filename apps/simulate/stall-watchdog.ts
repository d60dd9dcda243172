import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { EventStore } from '../../infra/event-store/event-store.port';

/**
 * The test server stopped skipping time. It happens when a workflow task completion cancels a timer at
 * the instant the server fires it (a town's own deadline and the programme's relay of the same round
 * fall on the same instant, by design): the test server rejects the completion ("invalid history
 * builder state for action") instead of asking for a retry as a real server does, never times the task
 * out, and so never skips again. Nothing can be done from outside; a run must start over in a new world.
 */
export class TimeSkippingStalledError extends Error {
  constructor(readonly stalledForMs: number) {
    super(
      `The time-skipping test server made no progress for ${Math.round(stalledForMs / 1000)} s ` +
        '(a workflow task it rejected is never retried); start again in a new world',
    );
    this.name = 'TimeSkippingStalledError';
  }
}

/** The store as the worker sees it, noting when anything was last appended: the world's heartbeat. */
export function withHeartbeat(store: EventStore): {
  readonly store: EventStore;
  readonly lastAppendMs: () => number;
} {
  let last = Date.now();
  const watched = new Proxy(store, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'append' || typeof value !== 'function') return value;
      return async (...args: unknown[]): Promise<unknown> => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          last = Date.now();
        }
      };
    },
  });
  return { store: watched, lastAppendMs: () => last };
}

const WATCH_EVERY_MS = 5_000;

/**
 * Waits for a time skip, failing with TimeSkippingStalledError once nothing has been appended for
 * `stallAfterMs` since the later of the skip's start and the last append: every deadline, reminder and
 * relay appends, so a skip that appends nothing for minutes is not working.
 */
export async function watched(
  env: TestWorkflowEnvironment,
  sleep: () => Promise<void>,
  lastAppendMs: () => number,
  stallAfterMs: number,
): Promise<void> {
  const startedMs = Date.now();
  // A stalled skip is cancelled, not left behind: a call still pending when the world closes would be
  // retried on a closed channel, which throws where nothing can catch it.
  const cancel = new AbortController();
  const skip = env.connection.withAbortSignal(cancel.signal, sleep);
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const quietMs = Date.now() - Math.max(startedMs, lastAppendMs());
      if (quietMs < stallAfterMs) return;
      cancel.abort();
      reject(new TimeSkippingStalledError(quietMs));
    }, WATCH_EVERY_MS);
  });
  try {
    await Promise.race([skip, stalled]);
  } finally {
    clearInterval(timer);
    // Once cancelled, the skip's own failure says nothing more than the stall does.
    await skip.catch(() => undefined);
  }
}

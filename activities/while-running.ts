import { Context } from '@temporalio/activity';

/**
 * How often a running activity tells Temporal it is alive. The proxies' heartbeat timeouts are a few of
 * these (workflows/shared/activity-proxies.ts), so a worker that dies mid-call is noticed in seconds
 * instead of at the start-to-close timeout, and a timed-out attempt learns it is cancelled.
 */
export const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Runs `work` with the activity's cancellation signal, heartbeating while it runs: never for the common
 * call that is over in milliseconds, every second for one that is stalled. Temporal delivers
 * cancellation (a timeout, a worker shutting down) only to activities that heartbeat; `work` passes
 * the signal on, so the call itself is abandoned where the driver allows it.
 */
export async function whileRunning<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  // A local activity cannot heartbeat (the SDK drops it): its workflow task's timeout watches it instead.
  if (context.info.isLocal) return work(context.cancellationSignal);
  const ticker = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work(context.cancellationSignal);
  } finally {
    clearInterval(ticker);
  }
}

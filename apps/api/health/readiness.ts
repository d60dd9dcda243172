/**
 * What "ready" means: an official's request sent now is served as it will be from then on. Temporal and
 * the store answer; the batch whose application window the calendar says is open has opened in its
 * workflow (right after a start the programme is still opening it, and applications would be refused
 * with BATCH_NOT_OPEN); and the read models have folded the log as it stood (after a restart they start
 * from position 0, and lists would be short). Until then 503 with Retry-After, so that a load balancer
 * or a script waits instead of sending requests that fail.
 */
import { batchCalendar, type BatchCalendar } from '../../../domain/policy/policy-rules';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';

export type Check = { readonly status: 'up' } | { readonly status: 'down'; readonly error: string };

export interface ReadinessChecks {
  /** Dependencies: when one is down, retrying soon is pointless. */
  readonly temporal: Check;
  readonly eventStore: Check;
  /** Starting up: ready within moments. */
  readonly programme: Check;
  readonly readModels: Check;
  /**
   * Whether a worker answered the open batch's query; known only when one was asked. A worker that does
   * not answer (stopped, hung) is a dependency down, not a start.
   */
  readonly workers?: Check;
}

export interface ReadinessVerdict {
  readonly ready: boolean;
  /** Seconds to wait before asking again; only when not ready. */
  readonly retryAfterSeconds?: number;
}

const dependencyRetrySeconds = 5;
const startingRetrySeconds = 1;

export function readinessVerdict(checks: ReadinessChecks): ReadinessVerdict {
  const dependencies = [checks.temporal, checks.eventStore, checks.workers];
  if (dependencies.some((check) => check?.status === 'down')) {
    return { ready: false, retryAfterSeconds: dependencyRetrySeconds };
  }
  if (checks.programme.status === 'down' || checks.readModels.status === 'down') {
    return { ready: false, retryAfterSeconds: startingRetrySeconds };
  }
  return { ready: true };
}

/** The batch whose application window is open at `now` by the pack's calendar, if any. */
export function batchWindowOpenAt(policy: PolicyPack, now: string): BatchCalendar | undefined {
  const at = Date.parse(now);
  return policy.batches
    .map((batch) => batchCalendar(policy, batch))
    .find((calendar) => Date.parse(calendar.opensAt) <= at && at <= Date.parse(calendar.closesAt));
}

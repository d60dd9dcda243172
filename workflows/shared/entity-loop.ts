import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  sleep,
} from '@temporalio/workflow';
import { compareInstants, isBefore, isOnOrAfter, toEpochMs } from '../../domain/calendar/instant';
import { workflowNow } from '../workflow-clock';
import { DURABLE_ROUND_PAUSE } from './activity-proxies';
import { continueAsNewDue, type WorkflowLimits } from './continue-as-new';
import { compareText } from '../../domain/shared/text-order';
import type { DomainEvent } from '../../domain/shared/decision';
import type { Outbox } from './outbox';
import type { StreamCommandRunner } from './stream-command-runner';

type AnyRunner = StreamCommandRunner<unknown, { readonly type: string }, DomainEvent<string, unknown>>;

/**
 * Runs that record this marker keep their deadline timer while the instant it waits for stays the
 * earliest; runs without it started a timer for every wait (docs/decisions/0042).
 */
export const KEPT_DEADLINE_TIMERS_PATCH = 'kept-deadline-timers';

/** Something the workflow does by itself when its instant comes: a deadline or a reminder. */
export interface Scheduled {
  /** Unique per deadline instance (`deadline:name@dueAt`, `reminder:name@dueAt:7`). */
  readonly key: string;
  readonly dueAt: string;
  /** Records the step; a refusal is logged inside, never thrown. */
  readonly fire: () => Promise<void>;
}

export interface EntityLoop {
  /** A pending step (`unsettled`) is settled before anything else; `version` tells that a step changed it. */
  readonly runner: Pick<AnyRunner, 'version' | 'unsettled' | 'settle'>;
  readonly outbox: Pick<Outbox<unknown>, 'size' | 'drain'>;
  /** What is pending now, in any order (recomputed from the state on every turn). */
  scheduled(): readonly Scheduled[];
  /** The entity has nothing left to wait for. */
  finished(): boolean;
  /** Keys fired without effect; never fired again, carried over by continue-as-new. */
  readonly skipped: Set<string>;
  readonly limits: WorkflowLimits | undefined;
}

export type LoopEnd = 'finished' | 'continue-as-new';

/** The soonest item not skipped; ties go to the key that sorts first, so the choice never varies. */
function earliest(items: readonly Scheduled[], skipped: ReadonlySet<string>): Scheduled | undefined {
  let soonest: Scheduled | undefined;
  for (const item of items) {
    if (skipped.has(item.key)) continue;
    if (!soonest || (compareInstants(item.dueAt, soonest.dueAt) || compareText(item.key, soonest.key)) < 0)
      soonest = item;
  }
  return soonest;
}

/**
 * How the loop waits for whichever comes first: a wake-up (`woken`) or the instant of `next`. Returns the
 * SDK's own promise, adding no await of its own.
 */
type Wait = (next: Scheduled | undefined, now: string, woken: () => boolean) => Promise<unknown>;

interface ArmedTimer {
  readonly dueAt: string;
  readonly scope: CancellationScope;
  fired: boolean;
}

/**
 * Runs recorded with the patch: one durable timer per due instant. Most steps leave the earliest instant
 * where it was, so its timer is kept across them; it is cancelled only when another instant becomes the
 * earliest (or none is left) while its own is still ahead. A timer whose instant has already come is
 * left to fire: that wakes the loop once for nothing, where cancelling it could race the server firing it.
 */
function keptTimerWait(): Wait {
  let armed: ArmedTimer | undefined;
  return (next, now, woken) => {
    if (armed && (armed.fired || armed.dueAt !== next?.dueAt)) {
      if (!armed.fired && isBefore(now, armed.dueAt)) armed.scope.cancel();
      armed = undefined;
    }
    const timer = next ? (armed ??= armTimer(next.dueAt, now)) : undefined;
    return condition(() => woken() || timer?.fired === true);
  };
}

function armTimer(dueAt: string, now: string): ArmedTimer {
  const timer = { dueAt, scope: new CancellationScope(), fired: false };
  void timer.scope
    .run(() => sleep(Math.max(1, toEpochMs(dueAt) - toEpochMs(now))))
    .then(
      () => void (timer.fired = true),
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
      },
    );
  return timer;
}

/**
 * Pre-patch path (`kept-deadline-timers`; kept for recorded histories until decision 0042 retires the
 * patch): a fresh timer for every wait.
 */
const timerPerWait: Wait = (next, now, woken) =>
  next ? condition(woken, Math.max(1, toEpochMs(next.dueAt) - toEpochMs(now))) : condition(woken);

/**
 * The body of every entity workflow: it only waits. It wakes when a step changed the state (the next
 * instant is then worked out from the new state), when a message is queued, or when the next deadline
 * or reminder is due, which it fires as the scheduler. It ends when the entity is finished or the run
 * should hand over, in both cases only after every handler has finished and every queued message is
 * sent. A step left pending (its append not confirmed) is settled first, durably: nothing else is
 * decided before it.
 *
 * Runs from before the kept-timers patch take the loop exactly as it was (the same awaits in the same
 * places, so a replay's commands come in the same order): an outbox drained on every turn, and a timer
 * per wait. Runs with it create as few promises as they can per turn (the SDK records a stack trace
 * for each one): nothing to send, no drain.
 */
export async function runEntityLoop(loop: EntityLoop): Promise<LoopEnd> {
  const keptTimers = patched(KEPT_DEADLINE_TIMERS_PATCH);
  const wait = keptTimers ? keptTimerWait() : timerPerWait;
  for (;;) {
    // Only ever true once the run has recorded the certain-steps patch (stream-command-runner.ts).
    const stalled = loop.runner.unsettled && !(await loop.runner.settle());
    // Pre-patch path (`kept-deadline-timers`): the outbox drained on every turn, even empty.
    if (!keptTimers || loop.outbox.size > 0) await loop.outbox.drain();
    // Synchronous, so it adds no await to the loop.
    const end = loop.finished() ? 'finished' : continueAsNewDue(loop.limits) ? 'continue-as-new' : null;
    if (end) {
      // A step holds the runner's turn only inside a handler or the loop's own await: finished handlers
      // leave it free.
      await condition(allHandlersFinished);
      if (loop.outbox.size === 0) return end;
      continue;
    }
    if (stalled) {
      await pauseWhileStalled(loop);
      continue;
    }
    const now = workflowNow();
    const next = earliest(loop.scheduled(), loop.skipped);
    if (next && isOnOrAfter(now, next.dueAt)) {
      const before = loop.runner.version;
      await next.fire();
      // A firing that changed nothing (refused, or already done) must not fire again at once.
      if (loop.runner.version === before) loop.skipped.add(next.key);
      continue;
    }
    const version = loop.runner.version;
    await wait(
      next,
      now,
      () =>
        loop.runner.version !== version ||
        loop.runner.unsettled ||
        loop.outbox.size > 0 ||
        loop.finished() ||
        continueAsNewDue(loop.limits),
    );
  }
}

/**
 * The store did not answer a round at the pending step: nothing else is decided before it. The loop
 * waits a pause (the turn is free meanwhile, so the run may hand over, carrying the step) and tries again.
 */
async function pauseWhileStalled(loop: EntityLoop): Promise<void> {
  await condition(() => continueAsNewDue(loop.limits), DURABLE_ROUND_PAUSE);
}

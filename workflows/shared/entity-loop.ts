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

/** One durable timer per due instant, kept while it stays the earliest (decision 0042). */
export const KEPT_DEADLINE_TIMERS_PATCH = 'kept-deadline-timers';

/** Something the workflow does by itself when its instant comes: a deadline or a reminder. */
export interface Scheduled {
  /** Unique per deadline instance (`deadline:name@dueAt`, `reminder:name@dueAt:7`). */
  readonly key: string;
  readonly dueAt: string;
  /** Records the step; a refusal is logged inside, never thrown. */
  readonly fire: () => Promise<void>;
}

interface EntityLoop {
  readonly runner: Pick<
    StreamCommandRunner<unknown, { readonly type: string }, DomainEvent<string, unknown>>,
    'version' | 'unsettled' | 'settle'
  >;
  readonly outbox: Pick<Outbox<unknown>, 'size' | 'drain'>;
  /** What is due now, in any order, worked out from the state on every turn. */
  scheduled(): readonly Scheduled[];
  finished(): boolean;
  /** Keys fired without effect: never fired again, carried over by continue-as-new. */
  readonly skipped: Set<string>;
  readonly limits: WorkflowLimits | undefined;
}

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

/** Waits for a wake-up or the instant of `next`; returns the SDK's own promise, adding no await. */
type Wait = (next: Scheduled | undefined, now: string, woken: () => boolean) => Promise<unknown>;

/**
 * A timer is cancelled only when another instant becomes the earliest (or none is left) while its own
 * is still ahead: one whose instant has come is left to fire, since cancelling it could race the server.
 */
type ArmedTimer = { readonly dueAt: string; readonly scope: CancellationScope; fired: boolean };

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

/** Pre-patch path (`kept-deadline-timers`, decision 0042): a fresh timer for every wait. */
const timerPerWait: Wait = (next, now, woken) =>
  next ? condition(woken, Math.max(1, toEpochMs(next.dueAt) - toEpochMs(now))) : condition(woken);

/**
 * The body of every entity workflow: it only waits, and wakes when a step changed the state, a message
 * is queued, or the next deadline or reminder is due (which it fires). A pending step is settled first.
 * It ends when the entity is finished or should hand over, after every handler has finished and every
 * message is sent. Both patch paths keep their awaits where they were; the patched one creates as few
 * promises per turn as it can (the SDK records a stack trace for each).
 */
export async function runEntityLoop(loop: EntityLoop): Promise<'finished' | 'continue-as-new'> {
  const keptTimers = patched(KEPT_DEADLINE_TIMERS_PATCH);
  const wait = keptTimers ? keptTimerWait() : timerPerWait;
  for (;;) {
    // Only ever true once the run has recorded the certain-steps patch.
    const stalled = loop.runner.unsettled && !(await loop.runner.settle());
    // Pre-patch path (`kept-deadline-timers`): the outbox drained on every turn, even empty.
    if (!keptTimers || loop.outbox.size > 0) await loop.outbox.drain();
    // Synchronous, so it adds no await to the loop.
    const end = loop.finished() ? 'finished' : continueAsNewDue(loop.limits) ? 'continue-as-new' : null;
    if (end) {
      // A step holds the runner's turn only inside a handler or the loop's own await (decision 0096).
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

/** The pending step was not recorded this round: pause (the turn free, so the run may hand over), retry. */
async function pauseWhileStalled(loop: EntityLoop): Promise<void> {
  await condition(() => continueAsNewDue(loop.limits), DURABLE_ROUND_PAUSE);
}

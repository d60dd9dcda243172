import { allHandlersFinished, condition } from '@temporalio/workflow';
import { compareInstants, isOnOrAfter, toEpochMs } from '../../domain/calendar/instant';
import { workflowNow } from '../workflow-clock';
import { continueAsNewDue, type WorkflowLimits } from './continue-as-new';

/** Something the workflow does by itself when its instant comes: a deadline or a reminder. */
export interface Scheduled {
  /** Unique per deadline instance (`deadline:name@dueAt`, `reminder:name@dueAt:7`). */
  readonly key: string;
  readonly dueAt: string;
  /** Records the step; a refusal is logged inside, never thrown. */
  readonly fire: () => Promise<void>;
}

export interface EntityLoop {
  readonly runner: { readonly version: number; readonly idle: boolean };
  readonly outbox: { readonly size: number; drain(): Promise<void> };
  /** What is pending now, in any order (recomputed from the state on every turn). */
  scheduled(): readonly Scheduled[];
  /** The entity has nothing left to wait for. */
  finished(): boolean;
  /** Keys fired without effect; never fired again, carried over by continue-as-new. */
  readonly skipped: Set<string>;
  readonly limits: WorkflowLimits | undefined;
}

export type LoopEnd = 'finished' | 'continue-as-new';

function earliest(items: readonly Scheduled[], skipped: ReadonlySet<string>): Scheduled | undefined {
  return items
    .filter((item) => !skipped.has(item.key))
    .sort((a, b) => compareInstants(a.dueAt, b.dueAt) || a.key.localeCompare(b.key))[0];
}

/**
 * The body of every entity workflow: it only waits. It wakes when a step changed the state (timers are
 * then re-armed from the new state), when a message is queued, or when the next deadline or reminder is
 * due, which it fires as the scheduler. It ends when the entity is finished or the run should hand over,
 * in both cases only after every handler has finished and every queued message is sent.
 */
export async function runEntityLoop(loop: EntityLoop): Promise<LoopEnd> {
  for (;;) {
    await loop.outbox.drain();
    const end: LoopEnd | null = loop.finished()
      ? 'finished'
      : continueAsNewDue(loop.limits)
        ? 'continue-as-new'
        : null;
    if (end) {
      await condition(() => allHandlersFinished() && loop.runner.idle);
      if (loop.outbox.size === 0) return end;
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
    const woken = (): boolean =>
      loop.runner.version !== version ||
      loop.outbox.size > 0 ||
      loop.finished() ||
      continueAsNewDue(loop.limits);
    if (next) {
      await condition(woken, Math.max(1, toEpochMs(next.dueAt) - toEpochMs(now)));
    } else {
      await condition(woken);
    }
  }
}

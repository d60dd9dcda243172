import { log, uuid4 } from '@temporalio/workflow';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { reminderDaysBefore } from '../../domain/policy/policy-rules';
import {
  nextReminders,
  pendingReminders,
  type NamedDeadline,
  type PendingReminder,
  type RemindersSent,
  type SendDeadlineReminder,
} from '../../domain/shared/deadline-reminders';
import type { Actor } from '../../domain/shared/event-envelope';
import type { DomainEvent } from '../../domain/shared/decision';
import { workflowNow } from '../workflow-clock';
import type { Scheduled } from './entity-loop';
import type { StepMeta, StepOutcome, StreamCommandRunner } from './stream-command-runner';

/** Who fires deadlines: recorded as the actor of every event a deadline produces. */
export const SCHEDULER: Actor = { userId: 'scheduler', seat: 'system' };

/** Meta of a step the scheduler takes; the correlation groups everything one deadline set off. */
export function schedulerMeta(correlationId: string): StepMeta {
  return { actor: SCHEDULER, commandId: uuid4(), correlationId };
}

/** Meta of a step another workflow set off: its id is recorded as the acting user, seat `system`. */
export function relayMeta(from: string, correlationId: string, commandId: string = uuid4()): StepMeta {
  return { actor: { userId: from, seat: 'system' }, commandId, correlationId };
}

export interface PendingDeadline<C> {
  readonly name: string;
  readonly dueAt: string;
  /** `null`: a person has to act; the deadline only has reminders. */
  readonly command: C | null;
}

export interface UpcomingDeadlines<D> {
  readonly deadlines: readonly D[];
  /** Reminders still to be recorded, the next first. */
  readonly reminders: readonly PendingReminder[];
}

/** An aggregate state the scheduler can read: its pending deadlines and the reminders already sent. */
export interface Schedulable<C> {
  readonly deadlines: readonly PendingDeadline<C>[];
  readonly remindersSent: RemindersSent;
}

/** What an entity's deadlines query answers: its deadlines and the reminders still to come. */
export function upcoming<D extends NamedDeadline>(
  { deadlines, remindersSent }: { readonly deadlines: readonly D[]; readonly remindersSent: RemindersSent },
  policy: PolicyPack,
): UpcomingDeadlines<D> {
  return { deadlines, reminders: pendingReminders(deadlines, remindersSent, reminderDaysBefore(policy)) };
}

function reminderCommand({ deadline, dueAt, daysBefore }: PendingReminder): SendDeadlineReminder {
  return { type: 'SendDeadlineReminder', data: { deadline, dueAt, daysBefore } };
}

/** Every aggregate's commands include the reminder the scheduler sends before a deadline. */
type OrReminder<C> = C | SendDeadlineReminder;

/**
 * What an entity waits for, as the loop fires it: each deadline that has a command, at its instant, and
 * per deadline the next reminder before it. Both are recorded as the scheduler, durably.
 */
export function scheduleOf<
  S extends Schedulable<OrReminder<C>>,
  C extends { readonly type: string },
  E extends DomainEvent<string, unknown>,
>(
  runner: StreamCommandRunner<S, OrReminder<C>, E>,
  options: {
    readonly policy: PolicyPack;
    /**
     * Completes a deadline's command with what is known only when it falls due: synchronously from the
     * workflow's memory, or by reading the store (a promise).
     */
    readonly complete?: (command: OrReminder<C>) => OrReminder<C> | Promise<OrReminder<C>>;
  },
): () => Scheduled[] {
  const fire = async (command: OrReminder<C>, what: string, correlationId: string): Promise<void> => {
    const meta = schedulerMeta(correlationId);
    logRefusal(what, await runner.runDurably(command, meta));
  };
  const pendingOf = remindersPending(reminderDaysBefore(options.policy));
  return () => {
    const { deadlines, remindersSent } = runner.state;
    const items: Scheduled[] = [];
    for (const { name, dueAt, command } of deadlines) {
      if (command === null) continue;
      const key = `deadline:${name}@${dueAt}`;
      const fireCompleted = (completed: OrReminder<C> | Promise<OrReminder<C>>): Promise<void> =>
        // A synchronous completion adds no await: runs that took it keep their commands' order.
        completed instanceof Promise
          ? completed.then((done) => fire(done, name, key))
          : fire(completed, name, key);
      items.push({ key, dueAt, fire: () => fireCompleted(options.complete?.(command) ?? command) });
    }
    for (const reminder of nextReminders(pendingOf(deadlines, remindersSent), workflowNow())) {
      const { deadline, dueAt, daysBefore, remindAt } = reminder;
      items.push({
        key: `reminder:${deadline}@${dueAt}:${daysBefore}`,
        dueAt: remindAt,
        fire: () => fire(reminderCommand(reminder), `reminder:${deadline}`, `reminder:${deadline}@${dueAt}`),
      });
    }
    return items;
  };
}

/**
 * `pendingReminders`, worked out again only when the deadlines or the reminders sent have changed. The
 * loop asks after every step and every message sent, and most leave both as they were (an aggregate's
 * `evolve` rebuilds its list of deadlines after every event, so the list is compared by content).
 */
function remindersPending(
  daysBefore: readonly number[],
): (deadlines: readonly NamedDeadline[], sent: RemindersSent) => readonly PendingReminder[] {
  let last:
    | { deadlines: readonly NamedDeadline[]; sent: RemindersSent; pending: readonly PendingReminder[] }
    | undefined;
  return (deadlines, sent) => {
    if (last?.sent !== sent || !sameDeadlines(last.deadlines, deadlines)) {
      last = { deadlines, sent, pending: pendingReminders(deadlines, sent, daysBefore) };
    }
    return last.pending;
  };
}

function sameDeadlines(a: readonly NamedDeadline[], b: readonly NamedDeadline[]): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every((deadline, index) => deadline.name === b[index]?.name && deadline.dueAt === b[index].dueAt))
  );
}

/**
 * A refused system step is logged with its code; the loop marks it done so it does not spin. (A step
 * the store refused for good is logged, and kept in the view, by the runner.)
 */
export function logRefusal(what: string, outcome: StepOutcome): void {
  if ('refused' in outcome)
    log.warn(`${what} refused`, { code: outcome.refused.code, details: outcome.refused.details });
}

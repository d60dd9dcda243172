import { log, uuid4 } from '@temporalio/workflow';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { reminderDaysBefore } from '../../domain/policy/policy-rules';
import {
  nextReminders,
  pendingRemindersWhenChanged,
  type KeepsDeadlines,
  type NamedDeadline,
  type SendDeadlineReminder,
} from '../../domain/shared/deadline-reminders';
import type { DomainEvent } from '../../domain/shared/decision';
import { workflowNow } from '../workflow-clock';
import type { Scheduled } from './entity-loop';
import type { StreamCommandRunner } from './stream-command-runner';
import type { StepMeta, StepOutcome } from './stream-step';

/** A deadline's step: the scheduler acts, seat `system`; the correlation groups what one deadline set off. */
export function schedulerMeta(correlationId: string): StepMeta {
  return { actor: { userId: 'scheduler', seat: 'system' }, commandId: uuid4(), correlationId };
}

/** A step another workflow set off: its id is recorded as the acting user, seat `system`. */
export function relayMeta(from: string, correlationId: string, commandId: string = uuid4()): StepMeta {
  return { actor: { userId: from, seat: 'system' }, commandId, correlationId };
}

/** Every aggregate's commands include the reminder the scheduler sends before a deadline. */
type OrReminder<C> = C | SendDeadlineReminder;

/**
 * What an entity waits for: each deadline that has a command (`null`: a person has to act), at its
 * instant, and per deadline the next reminder before it; both recorded as the scheduler, durably.
 * `complete` fills in a deadline's command with what is known only when it falls due: synchronously
 * from the workflow's memory, or by reading the store (a promise).
 */
export function scheduleOf<
  S extends KeepsDeadlines<NamedDeadline & { readonly command: OrReminder<C> | null }>,
  C extends { readonly type: string },
  E extends DomainEvent<string, unknown>,
>(
  runner: StreamCommandRunner<S, OrReminder<C>, E>,
  options: {
    readonly policy: PolicyPack;
    readonly complete?: (command: OrReminder<C>) => OrReminder<C> | Promise<OrReminder<C>>;
  },
): () => Scheduled[] {
  const fire = async (command: OrReminder<C>, what: string, correlationId: string): Promise<void> => {
    const meta = schedulerMeta(correlationId);
    logRefusal(what, await runner.runDurably(command, meta));
  };
  const pendingOf = pendingRemindersWhenChanged(reminderDaysBefore(options.policy));
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
      const command: SendDeadlineReminder = {
        type: 'SendDeadlineReminder',
        data: { deadline, dueAt, daysBefore },
      };
      items.push({
        key: `reminder:${deadline}@${dueAt}:${daysBefore}`,
        dueAt: remindAt,
        fire: () => fire(command, `reminder:${deadline}`, `reminder:${deadline}@${dueAt}`),
      });
    }
    return items;
  };
}

/** A refused system step is logged; the loop marks it done. (The runner logs what the store refused.) */
export function logRefusal(what: string, outcome: StepOutcome): void {
  if ('refused' in outcome)
    log.warn(`${what} refused`, { code: outcome.refused.code, details: outcome.refused.details });
}

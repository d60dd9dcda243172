import { recordReminder, type DeadlineReminderSent, type KeepsDeadlines } from './deadline-reminders';

/**
 * The evolve of an aggregate with deadlines: its own transitions (`apply`), a reminder recorded the same
 * way for all, and the deadlines derived afresh from the resulting state after every event — they are
 * never stored, so no event can leave them stale.
 */
export function evolveWithDeadlines<S extends KeepsDeadlines<D>, E extends { readonly type: string }, D>(
  apply: (state: S, event: Exclude<E, DeadlineReminderSent>) => S,
  deadlinesOf: (state: S) => D[],
): (state: S, event: E) => S {
  return (state, event) => {
    const next = isReminder(event)
      ? { ...state, remindersSent: recordReminder(state.remindersSent, event) }
      : apply(state, event as Exclude<E, DeadlineReminderSent>);
    return { ...next, deadlines: deadlinesOf(next) };
  };
}

function isReminder(event: { readonly type: string }): event is DeadlineReminderSent {
  return event.type === 'DeadlineReminderSent';
}

/**
 * The end of every evolve's switch. The compiler proves each known event type handled (`event` is
 * `never` there); an event type this build does not know (written by a newer one) leaves the state as
 * it is.
 */
export function unknownEventKeeps<S>(state: S, _event: never): S {
  return state;
}

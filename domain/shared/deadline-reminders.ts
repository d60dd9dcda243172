/**
 * Reminders before deadlines (silent in the document; the pack's `reminders.daysBefore`, default 7 and
 * 1 days). A reminder is a fact like any other: recorded in the stream of the aggregate whose deadline
 * it is, so an auditor can see that the county was warned before its plan fell overdue.
 *
 * Every aggregate (town, batch, programme) shares this one rule. A reminder is due at 00:00 Shanghai on
 * the day N days before the deadline's day, and only while the deadline is still pending and not yet
 * reached. Sending the N-day reminder also settles every earlier (larger-N) one for that deadline, so a
 * deadline set only three days ahead gets the 1-day reminder and no late 7-day one. A deadline that
 * moves (an extension) is a new deadline and is reminded again.
 */
import { addDays, localDateOf, startOfDay } from '../calendar/shanghai-calendar';
import { compareInstants, isBefore, isInstant, normaliseInstant } from '../calendar/instant';
import type { PolicyPack } from '../policy/policy-pack.schema';
import { reminderDaysBefore } from '../policy/policy-rules';
import { requireReached } from './command-rules';
import type { DecisionContext, DomainEvent } from './decision';
import { refuse } from './domain-refusal';
import { compareText } from './text-order';

export type SendDeadlineReminder = {
  readonly type: 'SendDeadlineReminder';
  readonly data: { readonly deadline: string; readonly dueAt: string; readonly daysBefore: number };
};

export type DeadlineReminderSent = DomainEvent<
  'DeadlineReminderSent',
  { deadline: string; dueAt: string; daysBefore: number; remindAt: string }
>;

/** Per pending deadline (`name@dueAt`), the smallest number of days before it already reminded. */
export type RemindersSent = Readonly<Record<string, number>>;

/** What every aggregate that keeps deadlines holds: the deadlines, and the reminders already sent. */
export interface KeepsDeadlines<D> {
  /** Pending deadlines, soonest first; recomputed after every event. */
  readonly deadlines: readonly D[];
  /** Reminders already recorded, per deadline. */
  readonly remindersSent: RemindersSent;
}

export interface NamedDeadline {
  readonly name: string;
  readonly dueAt: string;
}

/** A reminder still to be recorded. */
export interface PendingReminder {
  readonly deadline: string;
  readonly dueAt: string;
  readonly daysBefore: number;
  readonly remindAt: string;
}

export function reminderKey(deadline: string, dueAt: string): string {
  return `${deadline}@${normaliseInstant(dueAt)}`;
}

/** 00:00 Shanghai, `daysBefore` calendar days before the deadline's day. */
export function remindAtFor(dueAt: string, daysBefore: number): string {
  return startOfDay(addDays(localDateOf(dueAt), -daysBefore));
}

/** Reminders not yet recorded for the pending deadlines, soonest first. */
export function pendingReminders(
  deadlines: readonly NamedDeadline[],
  sent: RemindersSent,
  daysBefore: readonly number[],
): PendingReminder[] {
  const pending: PendingReminder[] = [];
  for (const { name, dueAt } of deadlines) {
    const already = sent[reminderKey(name, dueAt)];
    for (const days of daysBefore) {
      if (already !== undefined && already <= days) continue;
      const remindAt = remindAtFor(dueAt, days);
      if (isBefore(remindAt, dueAt)) pending.push({ deadline: name, dueAt, daysBefore: days, remindAt });
    }
  }
  return pending.sort(
    (a, b) =>
      compareInstants(a.remindAt, b.remindAt) ||
      compareText(a.deadline, b.deadline) ||
      a.daysBefore - b.daysBefore,
  );
}

/**
 * `pendingReminders`, worked out again only when the deadlines or the reminders sent changed: a workflow
 * asks after every step, and `evolve` rebuilds the deadlines after every event (so compared by content).
 */
export function pendingRemindersWhenChanged(
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

/** What an entity's deadlines query answers: its deadlines and the reminders still to come, next first. */
export interface UpcomingDeadlines<D> {
  readonly deadlines: readonly D[];
  readonly reminders: readonly PendingReminder[];
}

export function upcomingDeadlines<D extends NamedDeadline>(
  { deadlines, remindersSent }: KeepsDeadlines<D>,
  policy: PolicyPack,
): UpcomingDeadlines<D> {
  return { deadlines, reminders: pendingReminders(deadlines, remindersSent, reminderDaysBefore(policy)) };
}

/**
 * The reminder to send next for each deadline not yet reached: the nearest one whose day has come (it
 * settles the earlier ones), or else the soonest still to come. A scheduler waits for the earliest.
 */
export function nextReminders(pending: readonly PendingReminder[], now: string): PendingReminder[] {
  const chosen = new Map<string, PendingReminder>();
  for (const reminder of pending) {
    if (!isBefore(now, reminder.dueAt)) continue;
    const key = reminderKey(reminder.deadline, reminder.dueAt);
    const known = chosen.get(key);
    const reached = compareInstants(reminder.remindAt, now) <= 0;
    const knownReached = known !== undefined && compareInstants(known.remindAt, now) <= 0;
    if (
      !known ||
      (reached && (!knownReached || reminder.daysBefore < known.daysBefore)) ||
      (!reached && !knownReached && compareInstants(reminder.remindAt, known.remindAt) < 0)
    ) {
      chosen.set(key, reminder);
    }
  }
  return [...chosen.values()].sort((a, b) => compareInstants(a.remindAt, b.remindAt));
}

/**
 * decide for SendDeadlineReminder, the same for every aggregate: nothing when the deadline is gone,
 * already reminded that close, or already reached (its own command then does the talking).
 */
export function decideReminder(
  command: SendDeadlineReminder,
  deadlines: readonly NamedDeadline[],
  sent: RemindersSent,
  ctx: DecisionContext,
): DeadlineReminderSent[] {
  const { deadline, dueAt, daysBefore } = command.data;
  if (!reminderDaysBefore(ctx.policy).includes(daysBefore)) {
    throw refuse('REMINDER_NOT_SCHEDULED', { deadline, daysBefore });
  }
  if (!isInstant(dueAt)) throw refuse('INVALID_INSTANT', { field: 'dueAt', value: dueAt });
  const pending = deadlines.find(
    (candidate) => candidate.name === deadline && compareInstants(candidate.dueAt, dueAt) === 0,
  );
  if (!pending) return [];
  const already = sent[reminderKey(deadline, pending.dueAt)];
  if (already !== undefined && already <= daysBefore) return [];
  const remindAt = remindAtFor(pending.dueAt, daysBefore);
  requireReached(ctx.now, remindAt, `reminder:${deadline}`);
  if (!isBefore(ctx.now, pending.dueAt)) return [];
  return [
    {
      type: 'DeadlineReminderSent',
      data: { deadline, dueAt: normaliseInstant(pending.dueAt), daysBefore, remindAt },
    },
  ];
}

export function recordReminder(sent: RemindersSent, event: DeadlineReminderSent): RemindersSent {
  const key = reminderKey(event.data.deadline, event.data.dueAt);
  const already = sent[key];
  return already !== undefined && already <= event.data.daysBefore
    ? sent
    : { ...sent, [key]: event.data.daysBefore };
}

/**
 * How the programme turns a rule ("within 3 months of publication") into one due instant.
 */
import {
  addDays,
  addLocalMonths,
  endOfDay,
  formatLocalDate,
  LocalDate,
  localDateOf,
} from './shanghai-calendar';

/** The pack's stance on public holidays (see docs/decisions/0006-calendar-and-deadlines.md). */
export interface HolidayRule {
  /** When true, a deadline falling on a listed non-working day moves to the end of the next working day. */
  readonly holidaysShiftDeadlines: boolean;
  /** Shanghai dates (YYYY-MM-DD) that are not working days; China's adjusted weekends make a list exact. */
  readonly nonWorkingDays: readonly string[];
}

export const NO_HOLIDAY_SHIFT: HolidayRule = { holidaysShiftDeadlines: false, nonWorkingDays: [] };

/** The end of a due day, moved past non-working days only when the pack says holidays shift deadlines. */
export function dueAtEndOf(date: LocalDate, rule: HolidayRule): string {
  if (!rule.holidaysShiftDeadlines) return endOfDay(date);
  const closed = new Set(rule.nonWorkingDays);
  let day = date;
  // Bounded: no list of holidays a pack could hold closes a whole year.
  for (let step = 0; step < 366 && closed.has(formatLocalDate(day)); step += 1) day = addDays(day, 1);
  return endOfDay(day);
}

/**
 * "Within N months of <instant>": the whole Shanghai day N calendar months after the day it happened
 * on, so a plan due three months after a list published on 28 April is on time until 28 July 23:59:59.999.
 */
export function dueWithinMonths(from: string, months: number, rule: HolidayRule): string {
  return dueAtEndOf(addLocalMonths(localDateOf(from), months), rule);
}

/** "Within N days of <instant>", counted the same way. */
export function dueWithinDays(from: string, days: number, rule: HolidayRule): string {
  return dueAtEndOf(addDays(localDateOf(from), days), rule);
}

/**
 * Officials act at ten in the morning, Shanghai time, a set number of days before or
 * after the dates the pack and each town's schedule fix. Whole days keep every step well clear of the
 * deadlines it is meant to meet or miss, whatever the test server's clock drifts while a step runs.
 */
import { addMinutes } from '../../domain/calendar/instant';
import {
  addDays,
  formatLocalDate,
  localDateOf,
  parseLocalDate,
  startOfDay,
  type LocalDate,
} from '../../domain/calendar/shanghai-calendar';

const OFFICE_OPENS_MINUTES = 10 * 60;

/** 10:00 Shanghai on the day `days` after (or before) the day of `from` (a date or an instant). */
export function officeHours(from: string | LocalDate, days = 0): string {
  return addMinutes(startOfDay(dayAfter(from, days)), OFFICE_OPENS_MINUTES);
}

/** The Shanghai date (`YYYY-MM-DD`) `days` after the day of `from`. */
export function localDay(from: string | LocalDate, days = 0): string {
  return formatLocalDate(dayAfter(from, days));
}

function dayAfter(from: string | LocalDate, days: number): LocalDate {
  const day =
    typeof from === 'string' ? (from.includes('T') ? localDateOf(from) : parseLocalDate(from)) : from;
  return addDays(day, days);
}

/** The Shanghai calendar year of a date or an instant. */
export function yearOf(from: string): number {
  return (from.includes('T') ? localDateOf(from) : parseLocalDate(from)).year;
}

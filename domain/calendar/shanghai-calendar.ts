/**
 * Calendar rules in Asia/Shanghai, the zone every date in the programme's documents is written in.
 *
 * Shanghai has kept UTC+08:00 all year since 1991 (China's daylight saving ran 1986–1991), and every
 * date this system reasons about is later, so a fixed +08:00 offset is exact and no time-zone database
 * is needed: which keeps this code pure and identical inside a workflow, a replay and an audit.
 */
import {
  CivilDate,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  fromEpochMs,
  isValidCivilDate,
  toEpochMs,
} from './instant';

export const SHANGHAI_UTC_OFFSET_MINUTES = 480;
const OFFSET_MS = SHANGHAI_UTC_OFFSET_MINUTES * 60_000;
const MS_PER_DAY = 86_400_000;

/** A date on the wall calendar in Shanghai. */
export type LocalDate = CivilDate;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(text: string): LocalDate {
  const match = LOCAL_DATE.exec(text);
  const [year, month, day] = [match?.[1], match?.[2], match?.[3]].map(Number) as [number, number, number];
  if (!match || !isValidCivilDate(year, month, day)) throw new RangeError(`Not a calendar date: ${text}`);
  return { year, month, day };
}

export function isLocalDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The Shanghai wall-clock date an instant falls on. */
export function localDateOf(instant: string): LocalDate {
  return civilFromDays(Math.floor((toEpochMs(instant) + OFFSET_MS) / MS_PER_DAY));
}

/** The Shanghai calendar year an instant falls in (a rating "for 2018" is a Shanghai year). */
export function shanghaiYearOf(instant: string): number {
  return localDateOf(instant).year;
}

function localMidnightMs(date: LocalDate): number {
  return daysFromCivil(date.year, date.month, date.day) * MS_PER_DAY - OFFSET_MS;
}

/** 00:00:00.000 in Shanghai on that date. */
export function startOfDay(date: LocalDate): string {
  return fromEpochMs(localMidnightMs(date));
}

/** The last instant of that date in Shanghai (23:59:59.999 +08:00): a deadline "by that day" includes all of it. */
export function endOfDay(date: LocalDate): string {
  return fromEpochMs(localMidnightMs(date) + MS_PER_DAY - 1);
}

/** "End of March 2017" = 2017-03-31T23:59:59.999+08:00 = 2017-03-31T15:59:59.999Z. */
export function endOfMonth(year: number, month: number): string {
  return endOfDay({ year, month, day: daysInMonth(year, month) });
}

/** 1 January 00:00 in Shanghai: when "from the next year on" starts. */
export function startOfYear(year: number): string {
  return startOfDay({ year, month: 1, day: 1 });
}

export function endOfYear(year: number): string {
  return endOfDay({ year, month: 12, day: 31 });
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return civilFromDays(daysFromCivil(date.year, date.month, date.day) + days);
}

/**
 * Calendar-month arithmetic on a wall date: the same day-of-month N months on, clamped to the
 * month's last day when it has no such day (31 January + 1 month = 28/29 February). A month-end
 * start is not pinned to the target month's end (30 April + 3 months = 30 July), as in ISO/Java.
 */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** The instant N calendar months after another, keeping the Shanghai wall-clock time of day. */
export function addCalendarMonths(instant: string, months: number): string {
  const ms = toEpochMs(instant) + OFFSET_MS;
  const days = Math.floor(ms / MS_PER_DAY);
  const timeOfDay = ms - days * MS_PER_DAY;
  const target = addLocalMonths(civilFromDays(days), months);
  return fromEpochMs(localMidnightMs(target) + timeOfDay);
}

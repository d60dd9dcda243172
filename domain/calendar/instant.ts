/**
 * ISO-8601 instants as plain strings, converted to and from epoch milliseconds by arithmetic alone.
 * The domain may not read the clock, and the global `Date` is banned here so that nothing in this layer
 * can reach for it by accident; proleptic Gregorian arithmetic is all the calendar rules need.
 */

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export class InvalidInstantError extends Error {
  override readonly name = 'InvalidInstantError';
  constructor(readonly value: string) {
    super(`Not an ISO-8601 instant with an offset: ${JSON.stringify(value)}`);
  }
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const length = MONTH_LENGTHS[month - 1];
  if (length === undefined) throw new RangeError(`No month ${month}`);
  return month === 2 && isLeapYear(year) ? 29 : length;
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function part(match: RegExpExecArray, index: number): number {
  return Number(match[index] ?? '0');
}

/** The form every instant the domain produces is written in: fixed width, UTC, milliseconds. */
const CANONICAL_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';
const DIGIT_SLOT = 'd'.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);

function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index += 1) value = value * 10 + text.charCodeAt(index) - ZERO;
  return value;
}

/**
 * True for a valid instant written exactly as `fromEpochMs` writes it (`YYYY-MM-DDTHH:mm:ss.sssZ`). Two
 * such instants compare as strings: fixed width, most significant field first, one offset. Read by
 * character codes, with no regular expression, no allocation and no epoch computed, so comparing and
 * sorting the domain's own instants stays cheap.
 */
export function isCanonicalInstant(text: string): boolean {
  if (text.length !== CANONICAL_SHAPE.length) return false;
  for (let index = 0; index < CANONICAL_SHAPE.length; index += 1) {
    const slot = CANONICAL_SHAPE.charCodeAt(index);
    const code = text.charCodeAt(index);
    if (slot === DIGIT_SLOT ? code < ZERO || code > ZERO + 9 : code !== slot) return false;
  }
  return (
    isValidCivilDate(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10)) &&
    digitsAt(text, 11, 13) <= 23 &&
    digitsAt(text, 14, 16) <= 59 &&
    digitsAt(text, 17, 19) <= 59
  );
}

/** Epoch milliseconds of a valid canonical instant; NaN for anything else, which the general parse then judges. */
function canonicalEpochMs(text: string): number {
  if (!isCanonicalInstant(text)) return NaN;
  const days = daysFromCivil(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10));
  const seconds = (digitsAt(text, 11, 13) * 60 + digitsAt(text, 14, 16)) * 60 + digitsAt(text, 17, 19);
  return days * MS_PER_DAY + seconds * 1000 + digitsAt(text, 20, 23);
}

/** Epoch milliseconds of an ISO-8601 instant; the offset (`Z` or `±HH:MM`) is required. */
export function toEpochMs(instant: string): number {
  const canonical = canonicalEpochMs(instant);
  if (!Number.isNaN(canonical)) return canonical;
  const match = ISO_INSTANT.exec(instant);
  if (!match) throw new InvalidInstantError(instant);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => part(match, i)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = (match[7] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = match[8] ?? 'Z';
  // RFC 3339: an offset's hours run to 23 and its minutes to 59, like a time's.
  const [offsetHours, offsetRest] =
    zone === 'Z' ? [0, 0] : [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
  if (
    !isValidCivilDate(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetRest > 59
  ) {
    throw new InvalidInstantError(instant);
  }
  const offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest);
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    Number(fraction)
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The canonical form every instant the domain produces is written in: `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function fromEpochMs(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const rest = ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  const minute = Math.floor((rest % 3_600_000) / MS_PER_MINUTE);
  const second = Math.floor((rest % MS_PER_MINUTE) / 1000);
  const milli = rest % 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(milli, 3)}Z`;
}

/** Rewrites any accepted instant in canonical UTC form. */
export function normaliseInstant(instant: string): string {
  return isCanonicalInstant(instant) ? instant : fromEpochMs(toEpochMs(instant));
}

export function isInstant(value: string): boolean {
  if (isCanonicalInstant(value)) return true;
  try {
    toEpochMs(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Instants may arrive with different offsets, so they are compared by value. Two in the canonical form
 * (every instant the domain writes) give the same order as strings, without parsing either.
 */
export function compareInstants(a: string, b: string): -1 | 0 | 1 {
  if (isCanonicalInstant(a) && isCanonicalInstant(b)) return a < b ? -1 : a > b ? 1 : 0;
  const difference = toEpochMs(a) - toEpochMs(b);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

export const isBefore = (a: string, b: string): boolean => compareInstants(a, b) < 0;
export const isAfter = (a: string, b: string): boolean => compareInstants(a, b) > 0;
export const isOnOrBefore = (a: string, b: string): boolean => compareInstants(a, b) <= 0;
export const isOnOrAfter = (a: string, b: string): boolean => compareInstants(a, b) >= 0;

export function addMilliseconds(instant: string, ms: number): string {
  return fromEpochMs(toEpochMs(instant) + ms);
}

export function addMinutes(instant: string, minutes: number): string {
  return addMilliseconds(instant, minutes * MS_PER_MINUTE);
}

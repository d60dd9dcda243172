/**
 * "As of" for auditors: an instant, or a calendar date meaning the end of that day in Shanghai (where
 * every calendar rule of the programme is), and which of an event's two times it is judged by.
 */
import { isInstant, normaliseInstant, toEpochMs } from '../../domain/calendar/instant';
import { endOfDay, isLocalDate, parseLocalDate } from '../../domain/calendar/shanghai-calendar';
import type { RecordedEvent } from '../../domain/shared/event-envelope';
import { AuditError } from '../../domain/audit/audit.errors';

/**
 * `occurred`: what was true at that instant, as the record stands now (an event counts from when the fact
 * became true, even if it was recorded later). `recorded`: what the record said at that instant (only
 * events the store had committed by then).
 */
export type TimeBasis = 'occurred' | 'recorded';

export interface AsOf {
  /** The instant, normalised to UTC. */
  readonly at: string;
  readonly atMs: number;
  readonly basis: TimeBasis;
}

/** `2019-12-31` is the last instant of that day in Shanghai; otherwise an ISO-8601 instant with an offset. */
export function parseAsOf(text: string, basis: TimeBasis = 'occurred'): AsOf {
  let at: string;
  if (isLocalDate(text)) {
    at = endOfDay(parseLocalDate(text));
  } else if (isInstant(text)) {
    at = normaliseInstant(text);
  } else {
    throw new AuditError(
      'INSTANT_INVALID',
      `"${text}" is neither a date (YYYY-MM-DD, read as the end of that day in Shanghai) nor an instant with an offset`,
    );
  }
  return { at, atMs: toEpochMs(at), basis };
}

export function happenedBy(event: RecordedEvent, asOf: AsOf): boolean {
  const time = asOf.basis === 'occurred' ? event.occurredAt : event.recordedAt;
  return Date.parse(time) <= asOf.atMs;
}

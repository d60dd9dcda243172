import type { EventMetadata, NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import { EventStoreFailure } from '../event-store.errors';

/** The columns every read selects, in the shape both drivers return them (see SqlClient). */
export interface EventRow {
  readonly global_position: bigint;
  readonly id: string;
  readonly stream: string;
  readonly stream_version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly occurred_at: Date;
  readonly recorded_at: Date;
}

export const EVENT_COLUMNS =
  'global_position, id, stream, stream_version, type, data, metadata, occurred_at, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  // A driver that was not told to parse int8 as bigint would hand back a number (lossy above 2^53)
  // or a string; refuse both rather than return a position that might be wrong.
  if (typeof row.global_position !== 'bigint') {
    throw new EventStoreFailure(
      `global_position came back as ${typeof row.global_position}; the driver must parse int8 as bigint`,
    );
  }
  return {
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at.toISOString(),
    stream: row.stream,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/**
 * The `p_events` argument of append_events. Only the envelope's own fields are sent, so that whatever
 * else a caller's object carries is not stored by accident.
 */
export function toAppendPayload(events: readonly NewEvent[]): string {
  const payload = events.map((event) => ({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    occurredAt: event.occurredAt,
  }));
  try {
    return JSON.stringify(payload);
  } catch (error) {
    throw new EventStoreFailure('Event data or metadata cannot be stored as JSON', { cause: error });
  }
}

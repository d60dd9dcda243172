import type { EventMetadata, NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import { EventStoreFailure } from '../event-store.errors';
import type { ChainedEventText, ChainedRecordedEvent } from '../event-store.port';
import { prepareEvent } from '../event-hash';

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

/**
 * A row read with its hashes (docs/decisions/0020-hash-chain-and-checkpoints.md), its instants already
 * in `toISOString()` form. Verification reads every row of the log, and turning each timestamp into a
 * Date and back was a quarter of its time; PostgreSQL formats them as cheaply as it sends them.
 */
export interface ChainedEventRow extends Omit<EventRow, 'occurred_at' | 'recorded_at'> {
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly content_hash: string;
  readonly chain_hash: string;
  readonly log_hash: string;
}

/** `toISOString()`'s form, for the years it writes with four digits (the only ones an append accepts). */
const ISO_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const CHAINED_TAIL =
  `to_char(occurred_at AT TIME ZONE 'UTC', ${ISO_INSTANT}) AS occurred_at, ` +
  `to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_INSTANT}) AS recorded_at, ` +
  'content_hash, chain_hash, log_hash';

export const CHAINED_EVENT_COLUMNS = `global_position, id, stream, stream_version, type, data, metadata, ${CHAINED_TAIL}`;

/**
 * What verification reads: data and metadata as the text of their JSON, which the drivers leave
 * unparsed, and no `recordedAt` (not hashed, and formatting it was a fifth of the database's work).
 */
export const CHAINED_TEXT_COLUMNS =
  'global_position, id, stream, stream_version, type, data::text AS data, metadata::text AS metadata, ' +
  `to_char(occurred_at AT TIME ZONE 'UTC', ${ISO_INSTANT}) AS occurred_at, content_hash, chain_hash, log_hash`;

export interface ChainedTextRow extends Omit<ChainedEventRow, 'data' | 'metadata' | 'recorded_at'> {
  readonly data: string;
  readonly metadata: string;
}

/**
 * A driver that was not told to parse int8 as bigint would hand back a number (lossy above 2^53) or a
 * string; refuse both rather than return a position that might be wrong.
 */
function positionOf(row: Pick<EventRow, 'global_position'>): bigint {
  const position: unknown = row.global_position;
  if (typeof position !== 'bigint') {
    throw new EventStoreFailure(
      `global_position came back as ${typeof position}; the driver must parse int8 as bigint`,
    );
  }
  return position;
}

export function toChainedEventText(row: ChainedTextRow): ChainedEventText {
  return {
    id: row.id,
    type: row.type,
    dataJson: row.data,
    metadataJson: row.metadata,
    occurredAt: row.occurred_at,
    stream: row.stream,
    streamVersion: row.stream_version,
    globalPosition: positionOf(row),
    contentHash: row.content_hash,
    chainHash: row.chain_hash,
    logHash: row.log_hash,
  };
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at.toISOString(),
    stream: row.stream,
    streamVersion: row.stream_version,
    globalPosition: positionOf(row),
    recordedAt: row.recorded_at.toISOString(),
  };
}

export function toChainedRecordedEvent(row: ChainedEventRow): ChainedRecordedEvent {
  // Built field by field, in the order toRecordedEvent gives: one shape for every event read.
  return {
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    stream: row.stream,
    streamVersion: row.stream_version,
    globalPosition: positionOf(row),
    recordedAt: row.recorded_at,
    contentHash: row.content_hash,
    chainHash: row.chain_hash,
    logHash: row.log_hash,
  };
}

/**
 * The `p_events` argument of append_events for an append to `stream`: per event the envelope's own fields
 * (so that whatever else a caller's object carries is not stored by accident) and its canonical content
 * split around the stream version, which append_events hashes (event-hash.ts).
 */
export function toAppendPayload(stream: string, events: readonly NewEvent[]): string {
  return JSON.stringify(events.map((event) => prepareEvent(stream, event)));
}

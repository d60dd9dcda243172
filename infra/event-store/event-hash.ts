/**
 * The hashes that chain the log (docs/decisions/0020-hash-chain-and-checkpoints.md). Written once here and
 * used by the writers (the SQL adapter prepares the canonical text, `append_events` hashes it) and by
 * every verifier (audit/shared/log-verifier.ts, the content-hash workers in infra/audit/), so that both
 * sides agree byte for byte.
 *
 * Every hash is SHA-256 as 64 lower-case hex digits. Links concatenate hex text, not raw bytes, so an
 * auditor can recompute any of them with `printf '%s%s' "$previous" "$content" | sha256sum`.
 */
import { hash } from 'node:crypto';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../domain/shared/event-envelope';
import { canonicalJsonOf } from './canonical-json';
import { EventStoreFailure } from './event-store.errors';
import { hashedMetadata } from './event-trace';

/** The "previous hash" of a stream's first event and of the log's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields an event's content hash covers: everything the writer decided, nothing the store assigned.
 * Of the metadata, all but the append's `traceparent` (event-trace.ts).
 */
export type HashedContent = Pick<
  RecordedEvent,
  'id' | 'stream' | 'streamVersion' | 'type' | 'data' | 'metadata' | 'occurredAt'
>;

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * RFC 8785 canonical JSON of the hashed fields. The seven keys are written in their canonical order by
 * hand (the hot path of verification); only `data` and `metadata` go through the general serialiser.
 */
export function canonicalContent(event: HashedContent): string {
  const data = canonicalJsonOf(event.data);
  const hashed = hashedMetadata(event.metadata);
  const metadata = canonicalJsonOf(hashed);
  if (data === undefined || metadata === undefined || !Number.isSafeInteger(event.streamVersion)) {
    return canonical({
      id: event.id,
      stream: event.stream,
      streamVersion: event.streamVersion,
      type: event.type,
      data: event.data,
      metadata: hashed,
      occurredAt: event.occurredAt,
    });
  }
  return (
    `{"data":${data},"id":${JSON.stringify(event.id)},"metadata":${metadata},` +
    `"occurredAt":${JSON.stringify(event.occurredAt)},"stream":${JSON.stringify(event.stream)},` +
    `"streamVersion":${event.streamVersion},"type":${JSON.stringify(event.type)}}`
  );
}

export function contentHash(event: HashedContent): string {
  return sha256Hex(canonicalContent(event));
}

export function chainHash(previousChainHash: string, eventContentHash: string): string {
  return sha256Hex(previousChainHash + eventContentHash);
}

/**
 * The running digest of the whole log. The position is part of it so that the digest says where each
 * event stood, not only in which order, also for stores whose positions have gaps.
 */
export function logHash(previousLogHash: string, globalPosition: bigint, eventChainHash: string): string {
  return sha256Hex(previousLogHash + globalPosition.toString() + eventChainHash);
}

/** An event as an append sends it: the envelope as it will be stored, and its canonical content. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly occurredAt: string;
  /**
   * The canonical content split around the stream version, which only the database knows for certain
   * (an append with `any` learns it under the stream's lock): `head + version + tail` is exactly
   * `canonicalContent(...)` of the stored event. RFC 8785 orders keys by UTF-16 code units, so
   * `streamVersion` always falls between `stream` and `type`.
   */
  readonly head: string;
  readonly tail: string;
}

/**
 * Prepares an event for an append to `stream`. Only the envelope's own fields are taken, so whatever
 * else a caller's object carries is not stored by accident; `data` defaults to null (as stored) and
 * `occurredAt` is normalised to the millisecond ISO form every adapter reads back, so that what is
 * hashed is what a reader will get.
 */
export function prepareEvent(stream: string, event: NewEvent): PreparedEvent {
  if (typeof event.id !== 'string' || typeof event.type !== 'string') {
    throw new EventStoreFailure('An event needs a string id and type');
  }
  const data: unknown = event.data === undefined ? null : event.data;
  const occurredAt = normaliseOccurredAt(event.occurredAt, event.id);
  let head: string;
  try {
    head = canonical({ data, id: event.id, metadata: hashedMetadata(event.metadata), occurredAt, stream });
  } catch (error) {
    throw new EventStoreFailure(`Event ${event.id}: data or metadata cannot be stored as JSON`, {
      cause: error,
    });
  }
  return {
    id: event.id,
    type: event.type,
    data,
    metadata: event.metadata,
    occurredAt,
    head: `${head.slice(0, -1)},"streamVersion":`,
    tail: `,"type":${JSON.stringify(event.type)}}`,
  };
}

/**
 * The instant as `toISOString()` gives it, which is how every adapter reads `occurredAt` back. Years
 * outside 0000–9999 are refused: ISO-8601 writes them with a sign and six digits, which not every reader
 * agrees on, and no fact of the programme needs them.
 */
export function normaliseOccurredAt(occurredAt: unknown, eventId: string): string {
  const instant = typeof occurredAt === 'string' ? new Date(occurredAt) : undefined;
  const text = instant === undefined || Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
  if (text === undefined || !/^\d{4}-/.test(text)) {
    throw new EventStoreFailure(`Event ${eventId}: occurredAt ${String(occurredAt)} is not an instant`);
  }
  return text;
}

function canonical(value: unknown): string {
  const text = canonicalJsonOf(value);
  if (text === undefined) throw new EventStoreFailure('Event content has no JSON form');
  return text;
}

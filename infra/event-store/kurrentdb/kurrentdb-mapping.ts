/**
 * Pure translation between our event envelope and the KurrentDB client's shapes. No I/O here, so all of
 * it is unit-tested without a server; kurrentdb-event-store.ts only wires these to the client.
 */
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendStreamState,
  type JSONEventData,
  type JSONType,
  type Position,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import { traceparentOf, withTraceparent } from '../event-trace';
import { EventStoreFailure } from '../event-store.errors';
import type { ExpectedVersion } from '../event-store.port';

/** What we store in KurrentDB's per-event metadata: our metadata, plus the envelope fields it lacks. */
export interface StoredMetadata extends EventMetadata {
  readonly occurredAt: string;
  /** Mirrors of our ids under KurrentDB's own names, so its `$by_correlation_id` projection can group our events. */
  readonly $correlationId: string;
  readonly $causationId: string;
}

/**
 * Accepts `kurrentdb://`, `kurrent://`, `kdb://` (and `+discover` forms) as they are, and rewrites the
 * deprecated `esdb://` to `kurrentdb://`: the client still parses it but prints a deprecation warning on
 * every start, which would end up in our logs for a setting that is valid.
 */
export function normalizeConnectionString(url: string): string {
  const trimmed = url.trim();
  const match = /^([a-z+]+):\/\//i.exec(trimmed);
  const scheme = match?.[1]?.toLowerCase();
  switch (scheme) {
    case 'kurrentdb':
    case 'kurrentdb+discover':
    case 'kurrent':
    case 'kurrent+discover':
    case 'kdb':
    case 'kdb+discover':
      return trimmed;
    case 'esdb':
    case 'esdb+discover':
      return `kurrentdb${scheme.slice('esdb'.length)}${trimmed.slice(scheme.length)}`;
    case undefined:
    default:
      throw new EventStoreFailure(
        `Not a KurrentDB connection string: expected kurrentdb://host:port (or esdb://), got "${redact(trimmed)}"`,
      );
  }
}

/** Connection strings may carry a password; never echo it into an error message. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * Our expected version as the client's stream state. A number is the version (revision) of the stream's
 * last event; -1 is accepted as "no stream" because that is what WrongExpectedVersionError.actual reports
 * for a missing stream, so a caller may pass it straight back.
 */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (expected === -1) return NO_STREAM;
      if (!Number.isSafeInteger(expected) || expected < -1) {
        throw new EventStoreFailure(`Invalid expected version ${expected}: use a stream version (>= 0)`);
      }
      return BigInt(expected);
  }
}

/** For messages: how the caller's expectation reads. */
export function describeExpected(expected: ExpectedVersion): string {
  return String(expected);
}

/**
 * Whether a stream at `current` (-1: no stream) satisfies `expected`. Only needed where we answer without
 * the server checking for us (an append of no events).
 */
export function satisfiesExpected(expected: ExpectedVersion, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current >= 0;
    default:
      return expected === current;
  }
}

/**
 * Our event as the client's JSON event. The event id is kept (it is what makes retries idempotent); the
 * envelope fields KurrentDB has no place for travel in the metadata.
 */
export function toEventData(event: NewEvent): JSONEventData {
  const metadata: StoredMetadata = {
    ...event.metadata,
    occurredAt: event.occurredAt,
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
  };
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: asJson(event.data, event.id),
    metadata: { ...metadata },
  };
}

/**
 * The client types event data as an object, array or string, but serialises it with JSON.stringify, so
 * any JSON value round-trips. What JSON.stringify cannot encode (undefined, bigint, cycles) is refused
 * here, as our error, instead of failing inside the client halfway through an append.
 */
function asJson(data: unknown, eventId: string): JSONType {
  // Typed as string, but undefined for undefined, functions and symbols.
  let encoded: string | undefined;
  try {
    encoded = JSON.stringify(data);
  } catch (error) {
    throw new EventStoreFailure(`Event ${eventId}: data is not JSON-serialisable`, { cause: error });
  }
  if (encoded === undefined) {
    throw new EventStoreFailure(`Event ${eventId}: data is not JSON-serialisable`);
  }
  return data as JSONType;
}

/**
 * Servers before 22.6 report no position when reading a stream, and some report the all-ones value as
 * "unknown"; neither can be our global position.
 */
const NO_POSITION = 2n ** 64n - 1n;

/** True for KurrentDB's own events ($metadata, $>, projection output): they are not facts of ours. */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

/**
 * A resolved event read from KurrentDB as our RecordedEvent; `undefined` for what is not one of our events
 * (system events, links whose target is gone). `streamOf` turns the stored stream name back into ours
 * (it strips the namespace prefix, when the store has one).
 */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  streamOf: (storedStream: string) => string = (s) => s,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || isSystemEventType(event.type)) return undefined;

  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined || position === NO_POSITION) {
    throw new EventStoreFailure(
      `KurrentDB did not report the log position of event ${event.id}: the server must be KurrentDB, or EventStoreDB 22.6 or later`,
    );
  }
  if (!event.isJson) {
    throw new EventStoreFailure(
      `Event ${event.id} in "${event.streamId}" is not JSON: not written by this store`,
    );
  }
  const { occurredAt, metadata } = fromStoredMetadata(event.metadata, event.id);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    occurredAt,
    stream: streamOf(event.streamId),
    streamVersion: Number(event.revision),
    globalPosition: position,
    recordedAt: event.created.toISOString(),
  };
}

/** The client's position for "events from this global position on" (our positions are commit positions). */
export function toReadPosition(globalPosition: bigint): Position {
  // Events appended through gRPC are implicitly committed: each one's prepare and commit positions are equal,
  // so the commit position alone names the event.
  return { commit: globalPosition, prepare: globalPosition };
}

function fromStoredMetadata(raw: unknown, eventId: string): { occurredAt: string; metadata: EventMetadata } {
  if (!isRecord(raw)) throw notOurs(eventId, 'no metadata');
  const { occurredAt, actor, causationId, correlationId, policy, requestId, command } = raw;
  if (typeof occurredAt !== 'string') throw notOurs(eventId, 'no occurredAt');
  if (!isRecord(actor) || typeof actor.userId !== 'string' || typeof actor.seat !== 'string') {
    throw notOurs(eventId, 'no actor');
  }
  if (typeof causationId !== 'string' || typeof correlationId !== 'string') {
    throw notOurs(eventId, 'no causation or correlation id');
  }
  // Rebuilt field by field so KurrentDB's `$` mirrors and any foreign keys do not leak into our envelope.
  const metadata: EventMetadata = {
    actor: {
      userId: actor.userId,
      seat: actor.seat,
      ...(typeof actor.county === 'string' ? { county: actor.county } : {}),
    },
    causationId,
    correlationId,
    ...(isRecord(policy) && typeof policy.id === 'string' && typeof policy.version === 'string'
      ? { policy: { id: policy.id, version: policy.version } }
      : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
    // The command a step decided, kept so auditors can decide it again (decision 0021).
    ...(isRecord(command) && typeof command.type === 'string'
      ? { command: { type: command.type, data: command.data } }
      : {}),
  };
  // The append's trace, for readers that continue it (event-trace.ts); no hash covers it.
  const traceparent = traceparentOf(raw);
  return {
    occurredAt,
    metadata: traceparent === undefined ? metadata : withTraceparent(metadata, traceparent),
  };
}

function notOurs(eventId: string, what: string): EventStoreFailure {
  return new EventStoreFailure(`Event ${eventId} has ${what} in its metadata: not written by this store`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type StoredMatch =
  | { readonly kind: 'none' }
  | { readonly kind: 'all'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'partial'; readonly eventId: string };

/**
 * Decides whether an append is a retry of one already stored. `found` holds the stream's events whose ids
 * are among `ids` (in any order). As the port says (and the SQL adapters do), the append is already
 * stored when every one of its ids is stored in this stream; the events come back in the order of the
 * append. Some but not all is a conflict, named by the first stored id.
 */
export function matchStoredEvents(ids: readonly string[], found: readonly RecordedEvent[]): StoredMatch {
  const byId = new Map(found.map((event) => [event.id, event]));
  const matched = ids.flatMap((id) => byId.get(id) ?? []);
  if (matched.length === ids.length) return { kind: 'all', events: matched };
  const firstStored = matched[0];
  return firstStored === undefined ? { kind: 'none' } : { kind: 'partial', eventId: firstStored.id };
}

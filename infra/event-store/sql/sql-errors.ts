import {
  EventDataRefusedError,
  EventIdConflictError,
  EventStoreError,
  EventStoreFailure,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import { SQLSTATE } from './schema';

/** What pg's DatabaseError, PGlite's error and Node's socket errors have in common. */
interface DriverErrorFields {
  readonly code?: unknown;
  readonly detail?: unknown;
  readonly constraint?: unknown;
  readonly message?: unknown;
}

/** Socket-level failures: the server is not there (or went away). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * SQLSTATEs meaning "the database cannot serve you right now": class 08 (connection exception) is
 * matched by prefix; these are the others.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database does not exist
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  '57014', // query_canceled: the statement timeout, or a cancelled activity, ended it; nothing was written
  '55P03', // lock_not_available
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/**
 * SQLSTATE classes of a request the database will refuse however often it is sent: data exceptions
 * (22: a NUL character or a lone surrogate in text, a number out of range), integrity constraint
 * violations (23, other than the id conflicts mapped above), syntax or access rule violations (42) and
 * program limits (54: a value or an array too large).
 */
const DATA_ERROR_CLASSES = new Set(['22', '23', '42', '54']);

/** Driver messages for a connection that was lost or never made, which carry no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (is )?closed/i,
  /pglite is clos(ed|ing)/i,
  // pg's own read timeout (query_timeout): the server did not answer in time.
  /query read timeout/i,
  /cannot use a pool after calling end/i,
  /client has encountered a connection error/i,
  // 55000 (object_not_in_prerequisite_state) is also raised for other states; only this one is an outage.
  /is not currently accepting connections/i,
];

/**
 * Whatever failed while a connection was being made or taken from the pool, before any statement of
 * ours was sent: nothing was written, and the store is unavailable whatever the code says (a database
 * refusing connections, a role not allowed to connect, a pool with no free connection in time).
 */
export class NotConnectedError extends Error {
  constructor(cause: unknown) {
    super(`could not connect: ${describe(cause)}`, { cause });
    this.name = 'NotConnectedError';
  }
}

function fieldsOf(error: unknown): DriverErrorFields {
  return typeof error === 'object' && error !== null ? error : {};
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isUnavailable(error: unknown): boolean {
  if (error instanceof NotConnectedError) return true;
  const { code, message } = fieldsOf(error);
  const codeText = stringField(code);
  if (codeText !== undefined && (NETWORK_CODES.has(codeText) || UNAVAILABLE_SQLSTATES.has(codeText))) {
    return true;
  }
  if (codeText?.startsWith('08') === true && codeText.length === 5) return true;
  // Node reports a refused dual-stack connection (::1 and 127.0.0.1) as an AggregateError.
  if (error instanceof AggregateError && error.errors.some(isUnavailable)) return true;
  const messageText = stringField(message) ?? '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(messageText));
}

function isDataError(error: unknown): boolean {
  const code = stringField(fieldsOf(error).code);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) && DATA_ERROR_CLASSES.has(code.slice(0, 2));
}

function parseDetail(error: unknown): Record<string, unknown> {
  const detail = stringField(fieldsOf(error).detail);
  if (detail === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `Key (id)=(4f0c...) already exists.` → the id. */
function keyValueFromDetail(error: unknown): string {
  const detail = stringField(fieldsOf(error).detail) ?? '';
  return /\)=\(([^)]*)\)/.exec(detail)?.[1] ?? 'unknown';
}

/**
 * Translates whatever a SQL driver threw into one of the store's typed errors, so no raw driver error
 * ever crosses the port. `stream` is the stream being appended to, when there is one.
 */
export function toEventStoreError(error: unknown, context: { operation: string; stream?: string }): Error {
  if (error instanceof EventStoreError) return error;
  const { code, constraint } = fieldsOf(error);
  const stream = context.stream ?? '';

  if (code === SQLSTATE.wrongExpectedVersion) {
    const detail = parseDetail(error);
    const actual = detail['actual'];
    return new WrongExpectedVersionError(
      typeof detail['stream'] === 'string' ? detail['stream'] : stream,
      typeof detail['expected'] === 'string' ? detail['expected'] : 'unknown',
      typeof actual === 'number' ? actual : undefined,
    );
  }
  if (code === SQLSTATE.eventIdConflict) {
    const detail = parseDetail(error);
    const eventId = detail['eventId'];
    return new EventIdConflictError(stream, typeof eventId === 'string' ? eventId : 'unknown');
  }
  // The same id twice in one append, or an id committed by a concurrent append to another stream
  // between our check and our insert: the unique index on events.id catches both.
  if (code === '23505' && constraint === 'events_id_key') {
    return new EventIdConflictError(stream, keyValueFromDetail(error));
  }
  if (!(error instanceof NotConnectedError) && isDataError(error)) {
    return new EventDataRefusedError(
      `The event store refused the data of ${context.operation}${stream ? ` to "${stream}"` : ''}: ${describe(error)}`,
      { cause: error },
    );
  }
  if (isUnavailable(error)) {
    return new EventStoreUnavailableError(
      `Event store unavailable during ${context.operation}: ${describe(error)}`,
      { cause: error },
    );
  }
  return new EventStoreFailure(`Event store ${context.operation} failed: ${describe(error)}`, {
    cause: error,
  });
}

function describe(error: unknown): string {
  const { code, message } = fieldsOf(error);
  // A refused dual-stack connection is an AggregateError with an empty message of its own.
  const inner = error instanceof AggregateError ? error.errors.map(describe).join('; ') : '';
  const text = stringField(message) || inner || String(error);
  const codeText = stringField(code);
  return codeText === undefined ? text : `${text} (${codeText})`;
}

/**
 * Translates what the KurrentDB client throws into our EventStoreErrors. The client is not consistent
 * about its errors: most calls throw its CommandError classes, but some paths (an append whose connection
 * fails before the call starts, for one) reject with the raw gRPC ServiceError, and reads go through a
 * native bridge that only names its errors. So this looks at classes, `type` tags and gRPC status codes.
 */
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  EventDataRefusedError,
  EventStoreError,
  EventStoreFailure,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import type { ExpectedVersion } from '../event-store.port';
import { describeExpected } from './kurrentdb-mapping';

export interface ErrorContext {
  /** What we were doing, for the message: `append`, `readStream`, `subscribeToAll`... */
  readonly operation: string;
  /** Our stream name (without any namespace prefix). */
  readonly stream?: string;
  readonly expected?: ExpectedVersion;
}

/** gRPC status codes (grpc/status.h) that mean "try again later", not "this request is wrong". */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** Node's socket and DNS errors: the server could not be reached at all. */
const NODE_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * The client's `type` tags for appends the server refuses whatever the moment: too large as a whole (the
 * programme's recommendation event grows with every town) or per event, or malformed.
 */
const DATA_REFUSAL_TYPES = new Set([
  'maximum-append-size-exceeded',
  'append-record-size-exceeded',
  'transaction-max-size-exceeded',
  'invalid-argument',
]);

/** The client's `type` tags for transient failures (present even when the class came from another copy of the package). */
const TRANSIENT_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);

/**
 * The client's own wording for connection failures that reach us without a status code: cluster discovery
 * giving up, and the native bridge's transport errors.
 */
const CONNECTION_MESSAGE =
  /failed to discover|no connection established|connection refused|failed to connect/i;

export function toEventStoreError(error: unknown, context: ErrorContext): EventStoreError {
  if (error instanceof EventStoreError) return error;

  if (isWrongExpectedVersion(error)) {
    return new WrongExpectedVersionError(
      context.stream ?? error.streamName,
      context.expected === undefined ? String(error.expectedState) : describeExpected(context.expected),
      actualVersion(error.actualState),
    );
  }

  const tag = typeTag(error);
  if (tag !== undefined && DATA_REFUSAL_TYPES.has(tag)) {
    return new EventDataRefusedError(
      `KurrentDB refused the data of ${describeOperation(context)}: ${messageOf(error)}`,
      { cause: error },
    );
  }

  if (isUnavailable(error)) {
    // The native read bridge's errors say no more than their class name ("UnavailableError").
    const message = messageOf(error);
    const reason = /^\w*Error$/.test(message) ? 'the server cannot be reached' : message;
    return new EventStoreUnavailableError(
      `KurrentDB is unavailable (${describeOperation(context)}): ${reason}`,
      {
        cause: error,
      },
    );
  }

  return new EventStoreFailure(`KurrentDB ${describeOperation(context)} failed: ${messageOf(error)}`, {
    cause: error,
  });
}

/** A read of a stream that does not exist: our port reads it as empty, not as an error. */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || typeTag(error) === 'stream-not-found';
}

export function isWrongExpectedVersion(error: unknown): error is ClientWrongExpectedVersionError {
  return error instanceof ClientWrongExpectedVersionError || typeTag(error) === 'wrong-expected-version';
}

export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    // The server gave up on a request (ABORTED): transient, the client maps it to TimeoutError.
    error instanceof TimeoutError ||
    // A leader election is in progress, or we reached a follower: the client reconnects to the leader.
    error instanceof NotLeaderError ||
    // The server cancelled a long-running call (e.g. on shutdown): the client reconnects, so may we.
    error instanceof CancelledError
  ) {
    return true;
  }
  if (!isObject(error)) return false;
  const tag = typeTag(error);
  if (tag !== undefined && TRANSIENT_TYPES.has(tag)) return true;
  const { code } = error;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  if (typeof code === 'string' && NODE_CONNECTION_CODES.has(code)) return true;
  return CONNECTION_MESSAGE.test(messageOf(error));
}

/** The client says `no_stream` or a revision; we say -1 or a version. */
function actualVersion(state: unknown): number | undefined {
  if (state === 'no_stream' || state === -1n) return -1;
  if (typeof state === 'bigint' && state >= 0n) return Number(state);
  // Deleted (-5) and tombstoned (-6) streams, or nothing at all: the store did not tell us a version.
  return undefined;
}

function describeOperation(context: ErrorContext): string {
  return context.stream === undefined ? context.operation : `${context.operation} "${context.stream}"`;
}

function messageOf(error: unknown): string {
  if (isObject(error)) {
    // Raw gRPC errors carry the server's text in `details`; `message` adds the status prefix.
    if (typeof error.message === 'string' && error.message !== '') return error.message;
    if (typeof error.details === 'string' && error.details !== '') return error.details;
  }
  return String(error);
}

function typeTag(error: unknown): string | undefined {
  return isObject(error) && typeof error.type === 'string' ? error.type : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

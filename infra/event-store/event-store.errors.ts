/**
 * The store's failures, whatever the adapter. Adapters translate their driver's errors (SQLSTATEs, gRPC
 * statuses, KurrentDB error classes) into these, so callers never see a raw driver error.
 */
export type EventStoreErrorCode =
  | 'WRONG_EXPECTED_VERSION'
  | 'EVENT_STORE_UNAVAILABLE'
  | 'EVENT_ID_CONFLICT'
  | 'EVENT_STORE_LOCKED'
  | 'EVENT_DATA_REFUSED'
  | 'EVENT_STORE_FAILURE';

export abstract class EventStoreError extends Error {
  abstract readonly code: EventStoreErrorCode;
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION' as const;
  constructor(
    readonly stream: string,
    readonly expected: string,
    /** The stream's actual version, -1 when it does not exist; undefined when the store did not say. */
    readonly actual: number | undefined,
  ) {
    super(`Stream "${stream}" is at version ${actual ?? 'unknown'}, expected ${expected}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** Some but not all of the event ids in one append are already stored, or stored in another stream. */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT' as const;
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event ${eventId} is already stored, but not as part of the same append to "${stream}"`);
    this.name = 'EventIdConflictError';
  }
}

export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * The store refused what it was asked to write, and would refuse it however often it were asked: text
 * it cannot hold (a NUL character, a lone surrogate), a value out of range, an append larger than the
 * store accepts. Nothing was written; retrying cannot help, so callers never retry it.
 */
export class EventDataRefusedError extends EventStoreError {
  readonly code = 'EVENT_DATA_REFUSED' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventDataRefusedError';
  }
}

/** The embedded store's directory is held by another process. */
export class EventStoreLockedError extends EventStoreError {
  readonly code = 'EVENT_STORE_LOCKED' as const;
  constructor(
    readonly directory: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `The embedded event store at ${directory} is in use by another process` +
        (holderPid === undefined ? '' : ` (pid ${holderPid})`) +
        '. PGlite allows one process at a time: stop it, or point EVENT_STORE_DIR elsewhere.',
    );
    this.name = 'EventStoreLockedError';
  }
}

export class EventStoreFailure extends EventStoreError {
  readonly code = 'EVENT_STORE_FAILURE' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreFailure';
  }
}

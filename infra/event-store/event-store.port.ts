import type { NewEvent, RecordedEvent } from '../../domain/shared/event-envelope';

/**
 * What the caller believes about the stream before appending:
 * - a number: the stream's current version (the 0-based version of its last event);
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must have at least one event;
 * - `any`: no check (use sparingly: it gives up optimistic concurrency).
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  readonly nextExpectedVersion: number;
  /** Global positions of the appended events, in order. */
  readonly positions: readonly bigint[];
  /** True when every event id was already stored (a retried append): nothing new was written. */
  readonly alreadyStored: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start version: for `backwards`, the highest version to return. Default: the stream's start (or end). */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive checkpoint: only events with a global position greater than this. Default: from the start. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint to catch up from; the subscription then follows the live log. */
  readonly after?: bigint;
}

export interface Subscription {
  /** Resolves once the handler has returned for the last delivered event and no more will be delivered. */
  stop(): Promise<void>;
  /** Rejects when the subscription stops because of an error (handler or store). */
  readonly done: Promise<void>;
}

/**
 * Our thin event store. Every adapter (PGlite, PostgreSQL, KurrentDB) passes the same contract suite
 * (test/integration/event-store/event-store.contract.ts).
 */
export interface EventStore {
  /** Which adapter this is, for health reports and logs. */
  readonly kind: 'pglite' | 'postgres' | 'kurrentdb';

  /**
   * Appends atomically. Fails with WrongExpectedVersionError (nothing written) when the stream is not at
   * `expectedVersion`. If every event id is already stored in this stream the call succeeds without
   * writing (`alreadyStored: true`), whatever `expectedVersion` says, so a retried append is harmless.
   */
  append(
    stream: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;

  /** Events of one stream; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The whole log in global order, after a checkpoint. Never skips an event that commits later. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up subscription to the whole log: first the stored events after the checkpoint, then live ones. */
  subscribeToAll(
    options: SubscribeOptions,
    handler: (event: RecordedEvent) => Promise<void> | void,
  ): Subscription;

  /** Throws EventStoreUnavailableError when the store cannot serve requests. */
  checkHealth(): Promise<void>;

  close(): Promise<void>;
}

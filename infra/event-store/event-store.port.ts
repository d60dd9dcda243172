import type { NewEvent, RecordedEvent } from '../../domain/shared/event-envelope';
import type { ReadModelSnapshotStore } from './read-model-snapshots.port';

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

/**
 * How long the store lets one append run before it gives up (PostgreSQL's statement timeout, KurrentDB's
 * call deadline). It must stay below the append activity's own timeout, so that an attempt the worker
 * has given up on cannot still be running, let alone commit, in the database
 * (docs/decisions/0060-certain-step-outcomes.md).
 */
export const APPEND_TIMEOUT_MS = 5_000;

export interface AppendOptions {
  /**
   * Aborting it cancels the append in the database where the driver can (PostgreSQL: the backend's
   * statement is cancelled). Whether it committed is then unknown to the caller, as after any failure
   * that is not a refusal; re-appending the same ids settles it.
   */
  readonly signal?: AbortSignal;
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
 * A stored event with its place in the hash chains (docs/decisions/0020-hash-chain-and-checkpoints.md).
 * All hashes are lower-case hex SHA-256.
 */
export interface ChainedRecordedEvent extends RecordedEvent {
  /** Of the RFC 8785 canonical JSON of `{ id, stream, streamVersion, type, data, metadata, occurredAt }`. */
  readonly contentHash: string;
  /** Of the previous event's chain hash in the same stream (64 zeros for the first) followed by `contentHash`. */
  readonly chainHash: string;
  /**
   * Of the previous event's log hash in global order (64 zeros before the first), the global position in
   * decimal and `chainHash`: the running digest of the whole log that checkpoints sign. Stored by the SQL
   * stores, which take positions under one lock; absent where the store cannot (KurrentDB).
   */
  readonly logHash?: string;
}

/**
 * A chained event whose `data` and `metadata` are left as the JSON text the store holds: verification
 * parses and hashes them on other threads, so the thread reading the log does not. Without `recordedAt`,
 * which no hash covers.
 */
export interface ChainedEventText extends Omit<ChainedRecordedEvent, 'data' | 'metadata' | 'recordedAt'> {
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** The log as auditors read it: the same reads as the port's, with every event's hashes. */
export interface ChainedLogReader {
  /**
   * True when positions are 1, 2, 3, … without gaps (the SQL stores, decision 0002), so a missing position
   * means a removed event; false when they only increase (KurrentDB's commit positions).
   */
  readonly gapFreePositions: boolean;
  /** The position of the log's last event (0n when empty), for progress reports; undefined if unknown. */
  lastPosition(): Promise<bigint | undefined>;
  readAll(options?: ReadAllOptions): Promise<ChainedRecordedEvent[]>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<ChainedRecordedEvent[]>;
  /** The version of the store's schema as the store itself says it now (`schema vN`), for checkpoints. */
  schemaVersion(): Promise<number>;
  /** As readAll, with data and metadata unparsed; optional (a store that cannot simply lacks it). */
  readAllText?(options?: ReadAllOptions): Promise<ChainedEventText[]>;
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
   * Data the store cannot hold is refused with EventDataRefusedError (never worth retrying).
   */
  append(
    stream: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
    options?: AppendOptions,
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

  /**
   * The same log with its hash chains, for verification and audit exports; undefined for a store that
   * keeps no chain. The port's own reads return exactly the envelope, without hashes.
   */
  readonly chained?: ChainedLogReader;

  /**
   * Where read models keep their snapshots, beside the log they were folded from; undefined for a store
   * that keeps none (KurrentDB: its readers fold from the start).
   */
  readonly readModelSnapshots?: ReadModelSnapshotStore;

  /** Throws EventStoreUnavailableError when the store cannot serve requests. */
  checkHealth(): Promise<void>;

  close(): Promise<void>;
}

/**
 * The EventStore port over KurrentDB (formerly EventStoreDB) through its official gRPC client. The pure
 * parts live next door: kurrentdb-mapping.ts (shapes, positions, retry matching) and kurrentdb-errors.ts
 * (what the client throws, as our errors). Nothing the client throws leaves this file untranslated.
 */
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Filter,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import {
  EventIdConflictError,
  EventStoreFailure,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import {
  APPEND_TIMEOUT_MS,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import {
  isStreamNotFound,
  isWrongExpectedVersion,
  toEventStoreError,
  type ErrorContext,
} from './kurrentdb-errors';
import {
  describeExpected,
  matchStoredEvents,
  normalizeConnectionString,
  satisfiesExpected,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
} from './kurrentdb-mapping';

export interface KurrentDbEventStoreOptions {
  /**
   * Prepended to every stream name this store writes and reads; its readAll and subscribeToAll see only
   * streams with the prefix. Lets one KurrentDB log hold several independent stores (environments, test
   * runs). Stream names in the events it returns are without the prefix.
   */
  readonly streamPrefix?: string;
}

interface StoredScan {
  /** The stream's events whose ids were asked for, newest first. */
  readonly found: RecordedEvent[];
  /** The stream's version when read (-1: no stream). */
  readonly currentVersion: number;
}

export function createKurrentDbEventStore(url: string, options: KurrentDbEventStoreOptions = {}): EventStore {
  const prefix = options.streamPrefix ?? '';
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(normalizeConnectionString(url));
  } catch (error) {
    throw toEventStoreError(error, { operation: 'connect' });
  }
  /** The stop() of every running subscription, so close() can end them. */
  const activeSubscriptions = new Set<() => Promise<void>>();

  const storedName = (stream: string): string => prefix + stream;
  const ourName = (stored: string): string => stored.slice(prefix.length);
  // Server-side filter first (it saves the transfer); the mapping still drops `$` types as a second guard.
  const allFilter = (): Filter =>
    prefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [prefix] });

  /** Ours: in our namespace and not a system event. Events of other namespaces are skipped before they are parsed. */
  const fromStore = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
    const stream = resolved.event?.streamId;
    if (stream === undefined || !stream.startsWith(prefix)) return undefined;
    return toRecordedEvent(resolved, ourName);
  };

  /** One stream read; a stream that does not exist reads as empty. */
  const read = async (
    stream: string,
    readOptions: Parameters<KurrentDBClient['readStream']>[1],
  ): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(storedName(stream), readOptions)) {
        const event = fromStore(resolved);
        if (event !== undefined) events.push(event);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return events;
  };

  /**
   * Walks the stream backwards looking for `ids`, stopping once all are found or after `limit` events.
   * Only events with a wanted id are parsed.
   */
  const findStored = async (stream: string, ids: readonly string[], limit?: number): Promise<StoredScan> => {
    const wanted = new Set(ids);
    const found: RecordedEvent[] = [];
    let currentVersion = -1;
    try {
      const events = client.readStream(storedName(stream), {
        direction: BACKWARDS,
        fromRevision: END,
        ...(limit === undefined ? {} : { maxCount: limit }),
      });
      for await (const resolved of events) {
        const raw = resolved.event;
        if (raw === undefined) continue;
        if (currentVersion === -1) currentVersion = Number(raw.revision);
        if (!wanted.has(raw.id)) continue;
        const event = fromStore(resolved);
        if (event !== undefined) found.push(event);
        if (found.length === wanted.size) break;
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return { found, currentVersion };
  };

  /**
   * The result of a retried append: nothing written, the original positions, and the version the original
   * append left the stream at (as the SQL adapters answer).
   */
  const alreadyStored = (events: readonly RecordedEvent[]): AppendResult => ({
    nextExpectedVersion: Math.max(...events.map((event) => event.streamVersion)),
    positions: events.map((event) => event.globalPosition),
    alreadyStored: true,
  });

  /** Our ids found in the stream: a retry if all of them are there, a conflict if only some. */
  const retriedOrConflict = (
    stream: string,
    ids: readonly string[],
    scan: StoredScan,
  ): AppendResult | undefined => {
    const match = matchStoredEvents(ids, scan.found);
    if (match.kind === 'all') return alreadyStored(match.events);
    if (match.kind === 'partial') throw new EventIdConflictError(stream, match.eventId);
    return undefined;
  };

  const appendNothing = async (stream: string, expectedVersion: ExpectedVersion): Promise<AppendResult> => {
    const { currentVersion } = await findStored(stream, [], 1);
    if (!satisfiesExpected(expectedVersion, currentVersion)) {
      throw new WrongExpectedVersionError(stream, describeExpected(expectedVersion), currentVersion);
    }
    return { nextExpectedVersion: currentVersion, positions: [], alreadyStored: false };
  };

  const append = async (
    stream: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> => {
    const streamState = toStreamState(expectedVersion);
    if (events.length === 0) return appendNothing(stream, expectedVersion);
    const ids = events.map((event) => event.id);

    // A retry sent with the expectation the original had finds its own events at the tail. KurrentDB would
    // accept it again without writing (it deduplicates by id), but would not tell us so; the port must.
    const tail = await findStored(stream, ids, events.length);
    const atTail = matchStoredEvents(ids, tail.found);
    if (atTail.kind === 'all') return alreadyStored(atTail.events);
    if (atTail.kind === 'partial') {
      // Some ids at the tail: the rest may be further back (a retry after other appends), or a real conflict.
      const retried = retriedOrConflict(stream, ids, await findStored(stream, ids));
      if (retried !== undefined) return retried;
    }

    let nextRevision: bigint;
    try {
      const result = await client.appendToStream(storedName(stream), events.map(toEventData), {
        streamState,
        // Below the append activity's timeout, as PostgreSQL's statement timeout is.
        deadline: APPEND_TIMEOUT_MS,
      });
      if (!result.success) {
        // Only when the connection string sets throwOnAppendFailure=false: the same conflict, as a value.
        throw new ClientWrongExpectedVersionError(undefined, {
          streamName: storedName(stream),
          expected: streamState,
          current: result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision,
        });
      }
      nextRevision = result.nextExpectedRevision;
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      // A stale retry: its events are stored, but other appends came after them.
      const retried = retriedOrConflict(stream, ids, await findStored(stream, ids));
      if (retried !== undefined) return retried;
      throw error;
    }

    // The append reports one position for the batch; each event's own comes from reading the batch back.
    const written = (
      await read(stream, { direction: BACKWARDS, fromRevision: nextRevision, maxCount: events.length })
    ).reverse();
    if (written.length !== ids.length || written.some((event, i) => event.id !== ids[i])) {
      throw new EventStoreFailure(`Appended to "${stream}" but could not read the appended events back`);
    }
    // At or below the version we saw before appending: KurrentDB matched these ids to an earlier append
    // (with `any` it recognises recent ids anywhere in the stream) and wrote nothing.
    const deduplicated = (written[0]?.streamVersion ?? 0) <= tail.currentVersion;
    return {
      nextExpectedVersion: Number(nextRevision),
      positions: written.map((event) => event.globalPosition),
      alreadyStored: deduplicated,
    };
  };

  const readStream = async (
    stream: string,
    readOptions: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> => {
    const forwards = (readOptions.direction ?? 'forwards') === 'forwards';
    if (readOptions.maxCount !== undefined && readOptions.maxCount <= 0) return [];
    return read(stream, {
      direction: forwards ? FORWARDS : BACKWARDS,
      fromRevision:
        readOptions.fromVersion === undefined ? (forwards ? START : END) : BigInt(readOptions.fromVersion),
      ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
    });
  };

  const readAll = async (readOptions: ReadAllOptions = {}): Promise<RecordedEvent[]> => {
    const { after, maxCount } = readOptions;
    if (maxCount !== undefined && maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    const page = client.readAll({
      fromPosition: after === undefined ? START : toReadPosition(after),
      // Reading $all from a position can include the event at it; one more makes up for skipping it.
      ...(maxCount === undefined ? {} : { maxCount: maxCount + (after === undefined ? 0 : 1) }),
      filter: allFilter(),
    });
    for await (const resolved of page) {
      const event = fromStore(resolved);
      if (event === undefined || (after !== undefined && event.globalPosition <= after)) continue;
      events.push(event);
      if (maxCount !== undefined && events.length >= maxCount) break;
    }
    return events;
  };

  const subscribeToAll = (
    subscribeOptions: SubscribeOptions,
    handler: (event: RecordedEvent) => Promise<void> | void,
  ): Subscription => {
    const { after } = subscribeOptions;
    if (closing !== undefined) {
      return failedSubscription(new EventStoreUnavailableError('The kurrentdb event store is closed'));
    }
    let source: AllStreamSubscription;
    try {
      // The client's subscription does both phases: it catches up from the position, then follows live.
      source = client.subscribeToAll({
        fromPosition: after === undefined ? START : toReadPosition(after),
        filter: allFilter(),
      });
    } catch (error) {
      return failedSubscription(toEventStoreError(error, { operation: 'subscribeToAll' }));
    }

    let stopping = false;
    let handlerFailure: { readonly error: unknown } | undefined;
    let done: Promise<void> = Promise.resolve();
    const stop = async (): Promise<void> => {
      if (!stopping) {
        stopping = true;
        await source.unsubscribe().catch(() => undefined);
        // Wakes an iteration waiting for the next live event; an iteration inside the handler finishes it first.
        source.destroy();
      }
      await done.catch(() => undefined);
    };

    const run = async (): Promise<void> => {
      try {
        // Iterating (not 'data' events) gives backpressure: one event at a time, each awaited.
        for await (const resolved of source as AsyncIterable<AllStreamResolvedEvent>) {
          if (stopping) return;
          const event = fromStore(resolved);
          if (event === undefined || (after !== undefined && event.globalPosition <= after)) continue;
          try {
            await handler(event);
          } catch (error) {
            handlerFailure = { error };
            throw error;
          }
          if (stopping) return;
        }
      } catch (error) {
        // The handler's own error is the caller's to see as it is.
        if (handlerFailure !== undefined) throw handlerFailure.error;
        // What destroying the stream in stop() throws is not a failure.
        if (stopping) return;
        throw toEventStoreError(error, { operation: 'subscribeToAll' });
      } finally {
        await source.unsubscribe().catch(() => undefined);
        activeSubscriptions.delete(stop);
      }
      if (!stopping) throw new EventStoreUnavailableError('KurrentDB ended the subscription to $all');
    };

    activeSubscriptions.add(stop);
    done = run();
    // A caller that only ever calls stop() must not see the process die of an unhandled rejection.
    void done.catch(() => undefined);
    return { stop, done };
  };

  const checkHealth = async (): Promise<void> => {
    // One event backwards from the end of $all: cheap, and it needs the same permission readAll does.
    const probe = client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    await probe.next();
    await probe.return?.();
  };

  const close = async (): Promise<void> => {
    await Promise.allSettled([...activeSubscriptions].map((stop) => stop()));
    await client.dispose();
  };

  let closing: Promise<void> | undefined;

  /** Every call goes through here, so only our errors reach callers. */
  const guard = async <R>(context: ErrorContext, call: () => Promise<R>): Promise<R> => {
    if (closing !== undefined) throw new EventStoreUnavailableError('The kurrentdb event store is closed');
    try {
      return await call();
    } catch (error) {
      throw toEventStoreError(error, context);
    }
  };

  return {
    kind: 'kurrentdb',
    append: (stream, events, expected) =>
      guard({ operation: 'append', stream, expected }, () => append(stream, events, expected)),
    readStream: (stream, readOptions) =>
      guard({ operation: 'readStream', stream }, () => readStream(stream, readOptions)),
    readAll: (readOptions) => guard({ operation: 'readAll' }, () => readAll(readOptions)),
    subscribeToAll,
    checkHealth: () => guard({ operation: 'checkHealth' }, checkHealth),
    close: () => {
      closing ??= close().catch((error: unknown) => {
        throw toEventStoreError(error, { operation: 'close' });
      });
      return closing;
    },
  };
}

/** A subscription that never started: nothing to stop, and `done` says why. */
function failedSubscription(error: Error): Subscription {
  const done = Promise.reject(error);
  // As for running subscriptions: callers that only call stop() must not get an unhandled rejection.
  void done.catch(() => undefined);
  return { stop: () => Promise.resolve(), done };
}

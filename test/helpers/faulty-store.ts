import type { NewEvent } from '../../domain/shared/event-envelope';
import { storeWithAppend } from '../../infra/event-store/store-with-append';
import { EventStoreUnavailableError } from '../../infra/event-store/event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
} from '../../infra/event-store/event-store.port';

/**
 * What the store does to the appends of the streams a fault is set on:
 * - `down`: it refuses at once; nothing is written;
 * - `hang`: it never answers (until the caller aborts); nothing is written;
 * - `commit-then-hang`: the next append commits, and its caller never hears back (the statement
 *   committed as the connection dropped, or a failover): it hangs until aborted, as a stalled call
 *   does; the store is `down` after that.
 */
export type AppendFault = 'down' | 'hang' | 'commit-then-hang';

/**
 * A real event store with faults injected into its appends, for tests that must show what the
 * workflows do when the store fails (never a mock: every append that goes through is the real one).
 */
export interface FaultyStore extends EventStore {
  /** Sets a fault on the appends to streams `affects` says yes to (every stream by default). */
  fail(fault: AppendFault, affects?: (stream: string) => boolean): void;
  heal(): void;
  /** Appends attempted per stream, faulty or not. */
  attempts(stream: string): number;
}

/** `onAttempt` hears of every append attempted, before any fault acts on it. */
export function faultyStore(store: EventStore, onAttempt?: (stream: string) => void): FaultyStore {
  let fault: { kind: AppendFault; affects: (stream: string) => boolean } | undefined;
  const attempts = new Map<string, number>();

  const append = async (
    stream: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
    options?: AppendOptions,
  ): Promise<AppendResult> => {
    attempts.set(stream, (attempts.get(stream) ?? 0) + 1);
    onAttempt?.(stream);
    const active = fault?.affects(stream) ? fault : undefined;
    if (!active) return store.append(stream, events, expectedVersion, options);
    if (active.kind === 'down') throw new EventStoreUnavailableError('injected: the store does not answer');
    if (active.kind === 'hang') {
      await untilAborted(options?.signal);
      throw new EventStoreUnavailableError('injected: the store never answered');
    }
    active.kind = 'down';
    await store.append(stream, events, expectedVersion);
    await untilAborted(options?.signal);
    throw new EventStoreUnavailableError('injected: committed, but the answer never came');
  };

  return {
    ...storeWithAppend(store, append),
    fail: (kind, affects = () => true) => {
      fault = { kind, affects };
    },
    heal: () => {
      fault = undefined;
    },
    attempts: (stream) => attempts.get(stream) ?? 0,
  };
}

/** A call that never answers: it ends only when its caller gives up on it. */
function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

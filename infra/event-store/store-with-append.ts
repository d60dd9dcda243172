import type { EventStore } from './event-store.port';

/**
 * The same store with its appends passed through `append` first (which calls the store's own, or not):
 * the one shape for what stands between callers and a store's writes (spans, injected faults).
 */
export function storeWithAppend(store: EventStore, append: EventStore['append']): EventStore {
  return {
    kind: store.kind,
    append,
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options, handler) => store.subscribeToAll(options, handler),
    ...(store.chained ? { chained: store.chained } : {}),
    checkHealth: () => store.checkHealth(),
    close: () => store.close(),
  };
}

/**
 * The event store `npm run programme` reads, opened only when there is one: opening the embedded store
 * creates its directory and a database in it, and a command that finds nothing (or is refused) must
 * leave the data directory as it was.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { EventStoreConfig } from '../../infra/config/app-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';

/** `read`'s answer from the store, or `read(undefined)` when the embedded store was never made. */
export async function withExistingStore<T>(
  config: EventStoreConfig,
  read: (store: EventStore | undefined) => Promise<T>,
): Promise<T> {
  // PostgreSQL and KurrentDB are servers of their own: whether they hold a store is theirs to answer.
  const absent =
    config.kind === 'pglite' &&
    (config.dataDir === undefined || !existsSync(config.dataDir) || readdirSync(config.dataDir).length === 0);
  if (absent) return read(undefined);
  const store = await createEventStore(config);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

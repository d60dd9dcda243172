import type { EventStore } from './event-store.port';
import { createKurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { openPgliteEventStore } from './pglite/pglite-event-store';
import { createPostgresEventStore } from './postgres/postgres-event-store';

/** Which store to open: the same application code runs on any of them (README, "Event store"). */
export type EventStoreConfig =
  | {
      readonly kind: 'pglite';
      /** The store's directory; undefined keeps it in memory (tests, demos). */
      readonly dataDir?: string;
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Default `event_store`. */
      readonly schema?: string;
    }
  | { readonly kind: 'kurrentdb'; readonly url: string };

/**
 * Opens the configured store. PGlite is opened (directory locked, database started, schema created)
 * before this resolves, so a locked directory fails here; PostgreSQL and KurrentDB connect lazily, so a
 * server that is down shows up in checkHealth and in the first call instead.
 */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'pglite':
      return openPgliteEventStore(config.dataDir === undefined ? {} : { dataDir: config.dataDir });
    case 'postgres':
      return createPostgresEventStore(
        config.schema === undefined ? { url: config.url } : { url: config.url, schema: config.schema },
      );
    case 'kurrentdb':
      return createKurrentDbEventStore(config.url);
  }
}

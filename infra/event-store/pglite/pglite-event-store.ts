import type * as PgliteModule from '@electric-sql/pglite';
import type { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { toEventStoreError } from '../sql/sql-errors';
import { INT8_OID, parseInt8, type SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock';

export interface PgliteEventStoreOptions {
  /**
   * The store's directory (created if missing): it holds the lock file and PGlite's data in `pgdata/`.
   * Undefined: an in-memory store, gone when closed.
   */
  readonly dataDir?: string;
  /**
   * Safety-net poll for live subscriptions. Every append goes through this process (the directory is
   * locked), so subscriptions are woken by the store itself and the poll should never be what finds an
   * event. Default 1000 ms.
   */
  readonly pollIntervalMs?: number;
}

/** PGlite's schema name for the store, fixed: a PGlite database holds one store. */
export const PGLITE_SCHEMA = 'event_store';

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in this process, persisted to a directory.
 *
 * Durability: PGlite writes its WAL through Node's synchronous file API before a commit returns, so an
 * acknowledged append survives the process being killed (tested with SIGKILL). PGlite's Node file
 * system does not fsync, so it does not promise to survive a power cut or kernel crash; production
 * deployments use PostgreSQL.
 */
export async function openPgliteEventStore(options: PgliteEventStoreOptions = {}): Promise<SqlEventStore> {
  const lock = options.dataDir === undefined ? undefined : lockDirectory(options.dataDir);
  let db: PGlite;
  try {
    db = await loadPglite().PGlite.create({
      ...(options.dataDir === undefined ? {} : { dataDir: join(options.dataDir, 'pgdata') }),
      parsers: { [INT8_OID]: parseInt8 },
    });
  } catch (error) {
    lock?.release();
    throw toEventStoreError(error, { operation: 'open' });
  }

  const store = new SqlEventStore({
    kind: 'pglite',
    client: pgliteClient(db),
    schema: PGLITE_SCHEMA,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    release: async () => {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  });
  try {
    await store.ensureSchema();
  } catch (error) {
    // Report why the schema could not be set up, not a failure to close afterwards.
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

function lockDirectory(dataDir: string): DirectoryLock {
  try {
    mkdirSync(dataDir, { recursive: true });
    return acquireDirectoryLock(dataDir);
  } catch (error) {
    // EventStoreLockedError passes through; a file-system error (permissions, read-only) becomes ours.
    throw toEventStoreError(error, { operation: 'open' });
  }
}

/** What PGlite and one of its transactions have in common. */
type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function pgliteClient(db: PGlite): SqlClient {
  return {
    ...queries(db),
    transaction: (work) => db.transaction((tx) => work({ ...queries(tx), transaction: nested })),
  };
}

function queries(db: PgliteQueryable): Omit<SqlClient, 'transaction'> {
  const query = async <Row>(statement: { text: string }, values: readonly unknown[]) => {
    const result = await db.query<Row>(statement.text, [...values]);
    return result.rows;
  };
  return {
    query,
    // One connection in this process: no other session can hold a lock an append would wait on, and a
    // statement running in WebAssembly cannot be interrupted, so the append is neither bounded nor
    // cancelled here.
    write: query,
    runScript: async (script) => {
      await db.exec(script);
    },
  };
}

function nested(): never {
  throw new Error('Transactions do not nest');
}

/**
 * Loads PGlite through Node's own module loader rather than whatever loader imported this file.
 *
 * Why: PGlite 0.5 calls `import()` internally (for `node:module` and `fs/promises`) while it starts.
 * Jest runs test code in a vm context where `import()` is refused unless Node runs with
 * `--experimental-vm-modules`, so a PGlite loaded through Jest's module registry cannot start, and every
 * test that opens the embedded store (unit, integration, end-to-end) would need that flag.
 * `process.getBuiltinModule('module')` is Node's real module API even inside Jest, so PGlite's own
 * `import()` calls run outside the vm. In a plain Node process this is exactly `require`.
 */
function loadPglite(): typeof PgliteModule {
  // getBuiltinModule exists from Node 20.16; before that, Jest is the only loader we cannot bypass.
  const nodeModule =
    typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('module') : undefined;
  const nodeRequire = (nodeModule?.createRequire ?? createRequire)(__filename);
  return nodeRequire('@electric-sql/pglite') as typeof PgliteModule;
}

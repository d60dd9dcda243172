import { Pool, type PoolClient, type PoolConfig, types } from 'pg';
import { INT8_OID, parseInt8, type SqlClient, type SqlStatement } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';

export interface PostgresEventStoreOptions {
  /** A libpq connection URL, e.g. `postgres://user:pass@host:5432/db`. */
  readonly url: string;
  /** The schema holding the store's tables; one database can hold several stores. Default `event_store`. */
  readonly schema?: string;
  /** Connections in the pool. An append holds one for a single round trip. Default 10. */
  readonly maxConnections?: number;
  /**
   * How often a live subscription looks for events appended by other processes. Appends through this
   * store wake its subscriptions at once. Default 100 ms.
   */
  readonly pollIntervalMs?: number;
}

export const DEFAULT_POSTGRES_SCHEMA = 'event_store';

/**
 * int8 → bigint for this pool only (never through pg's global `types`, which other code shares): the
 * driver's default returns a string, and a `Number` would silently round positions above 2^53.
 */
const typeParsers: PoolConfig['types'] = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : (types.getTypeParser(oid, format ?? 'text') as (
          value: string,
        ) => unknown)) as typeof types.getTypeParser,
};

/**
 * PostgreSQL through `pg`. Nothing connects until the first call: a database that is down at start-up
 * shows up as EventStoreUnavailableError from that call (and from checkHealth), and the schema is created
 * once it is reachable.
 *
 * Live subscriptions poll (a cheap index range scan that usually returns nothing) rather than LISTEN:
 * a NOTIFY in the append would take PostgreSQL's global notification lock inside the section that
 * appends already serialise on, and cost a third to a half of concurrent append throughput when measured
 * (docs/benchmarks.md).
 */
export function createPostgresEventStore(options: PostgresEventStoreOptions): SqlEventStore {
  const pool = new Pool({
    connectionString: options.url,
    types: typeParsers,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'event-store',
    // Idle connections do not keep the process alive; close() still ends them.
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener that would
  // crash the process. The next query opens a fresh connection and reports its own failure, if any.
  pool.on('error', () => undefined);

  return new SqlEventStore({
    kind: 'postgres',
    client: poolClient(pool),
    schema: options.schema ?? DEFAULT_POSTGRES_SCHEMA,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    release: () => pool.end(),
  });
}

function poolClient(pool: Pool): SqlClient {
  return {
    ...queries(pool),
    transaction: async (work) => {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work({ ...queries(connection), transaction: nested });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

function queries(target: Pool | PoolClient): Omit<SqlClient, 'transaction'> {
  return {
    query: async <Row>(statement: SqlStatement, values: readonly unknown[]) => {
      const result = await target.query({ name: statement.name, text: statement.text, values: [...values] });
      return result.rows as Row[];
    },
    runScript: async (script) => {
      // No parameters: pg sends it with the simple protocol, so the statements run as one transaction.
      await target.query(script);
    },
  };
}

function nested(): never {
  throw new Error('Transactions do not nest');
}

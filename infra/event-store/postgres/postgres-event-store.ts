import { Client, Pool, type PoolClient, type PoolConfig, types } from 'pg';
import { APPEND_TIMEOUT_MS } from '../event-store.port';
import { INT8_OID, parseInt8, type SqlClient, type SqlStatement } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { NotConnectedError } from '../sql/sql-errors';

export interface PostgresEventStoreOptions {
  /** A libpq connection URL, e.g. `postgres://user:pass@host:5432/db`. */
  readonly url: string;
  /** The schema holding the store's tables; one database can hold several stores. Default `event_store`. */
  readonly schema?: string;
  /** Connections per pool (one for appends, one for the rest). An append holds one for a single round trip. Default 10. */
  readonly maxConnections?: number;
  /**
   * How often a live subscription looks for events appended by other processes. Appends through this
   * store wake its subscriptions at once. Default 100 ms.
   */
  readonly pollIntervalMs?: number;
  /**
   * PostgreSQL's `statement_timeout` for the store's connections: a statement stalled longer (on the
   * position counter's lock, during a failover) is cancelled by the server, so it can no longer commit
   * after the append activity has given up. Default APPEND_TIMEOUT_MS; tests set less.
   */
  readonly statementTimeoutMs?: number;
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
  const statementTimeoutMs = options.statementTimeoutMs ?? APPEND_TIMEOUT_MS;
  const common: PoolConfig = {
    connectionString: options.url,
    types: typeParsers,
    max: options.maxConnections ?? 10,
    // Within the append activity's timeout: a server that does not even accept connections is reported
    // in time for a retry.
    connectionTimeoutMillis: APPEND_TIMEOUT_MS,
    application_name: 'event-store',
    // Idle connections do not keep the process alive; close() still ends them.
    allowExitOnIdle: true,
  };
  const pool = new Pool(common);
  // Appends have connections of their own, whose statements the server ends at the timeout; reads and
  // schema setup are not bounded so (an auditor's read of the whole log may rightly take minutes).
  const appendPool = new Pool({
    ...common,
    statement_timeout: statementTimeoutMs,
    // The server ends a statement at its timeout; this catches a server (or a network) that stops
    // answering at all. Such a connection is dropped, never reused.
    query_timeout: statementTimeoutMs + 2_000,
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener that would
  // crash the process. The next query opens a fresh connection and reports its own failure, if any.
  pool.on('error', () => undefined);
  appendPool.on('error', () => undefined);

  return new SqlEventStore({
    kind: 'postgres',
    client: {
      ...queries(pool),
      write: async <Row>(statement: SqlStatement, values: readonly unknown[], signal?: AbortSignal) =>
        signal
          ? cancellable<Row>(appendPool, pgQuery(statement, values), signal, options.url)
          : await queries(appendPool).query<Row>(statement, values),
      transaction: async (work) => {
        const connection = await connected(pool);
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
    },
    schema: options.schema ?? DEFAULT_POSTGRES_SCHEMA,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    release: async () => {
      await Promise.all([pool.end(), appendPool.end()]);
    },
  });
}

/**
 * Reads, schema setup, and (inside a transaction, where the migration that runs it is in charge) appends
 * without a bound of their own.
 */
function queries(target: Pool | PoolClient): Omit<SqlClient, 'transaction'> {
  const query = async <Row>(statement: SqlStatement, values: readonly unknown[]) =>
    (await onConnection(target, (client) => client.query(pgQuery(statement, values)))).rows as Row[];
  return {
    query,
    write: query,
    runScript: async (script) => {
      // No parameters: pg sends it with the simple protocol, so the statements run as one transaction.
      await onConnection(target, (client) => client.query(script));
    },
  };
}

/**
 * Runs `work` on a connection of the pool (as `pool.query` does), so that a failure to get one is told
 * apart from a failure of the statement; on a connection already held, as it is.
 */
async function onConnection<T>(
  target: Pool | PoolClient,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  if (!(target instanceof Pool)) return work(target);
  const client = await connected(target);
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    // As pool.query does: a connection whose statement failed is not given back for reuse.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/** Connections that already listen for their own `error` event (a pool reuses them). */
const listening = new WeakSet<PoolClient>();

/**
 * A connection from `pool`; whatever fails before one is had is NotConnectedError (sql-errors.ts). A
 * connection that dies while held (the server crashed) emits `error` besides failing its statement;
 * `pool.query` listens for it while it runs, a held connection has no listener, and Node would raise the
 * event as an uncaught error. The failed statement reports it, and release(error) drops the connection.
 */
async function connected(pool: Pool): Promise<PoolClient> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new NotConnectedError(error);
  }
  if (!listening.has(client)) {
    client.on('error', () => undefined);
    listening.add(client);
  }
  return client;
}

function nested(): never {
  throw new Error('Transactions do not nest');
}

function pgQuery(statement: SqlStatement, values: readonly unknown[]) {
  return { name: statement.name, text: statement.text, values: [...values] };
}

/** A statement the server is told to cancel when `signal` aborts. */
async function cancellable<Row>(
  pool: Pool,
  query: ReturnType<typeof pgQuery>,
  signal: AbortSignal,
  url: string,
): Promise<Row[]> {
  // Reported as PostgreSQL reports a cancelled statement: nothing was sent, nothing written.
  if (signal.aborted) throw Object.assign(new Error('cancelled before it was sent'), { code: '57014' });
  const client = await connected(pool);
  const cancel = () => void cancelBackend(url, client);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const result = await client.query(query);
    client.release();
    return result.rows as Row[];
  } catch (error) {
    // The connection of a failed or cancelled statement is closed, not given back to the pool.
    client.release(error instanceof Error ? error : true);
    throw error;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * Asks the server, over a connection of its own (the pool may be exhausted by the very stall being
 * cancelled), to cancel what `client`'s backend is running. Best effort: if this fails, the statement
 * timeout still ends the statement.
 */
async function cancelBackend(url: string, client: PoolClient): Promise<void> {
  const pid = (client as PoolClient & { processID?: unknown }).processID;
  if (typeof pid !== 'number') return;
  const canceller = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // The statement timeout is the backstop.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}

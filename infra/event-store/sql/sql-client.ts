/**
 * The little the shared SQL event store needs from a driver. `pg` and PGlite each implement it in a few
 * lines; everything else (statements, mapping, errors, subscriptions) is written once.
 *
 * Both implementations must return int8 columns as `bigint` (never a lossy `number`), jsonb as parsed
 * values and timestamptz as `Date`.
 */
export interface SqlStatement {
  /**
   * Stable per statement text: drivers that can (pg) keep a prepared plan per connection under it.
   * Omitted for one-off statements.
   */
  readonly name?: string;
  readonly text: string;
}

export interface SqlClient {
  /** One parameterised statement. Driver errors are thrown raw; the caller maps them. */
  query<Row>(statement: SqlStatement, values: readonly unknown[]): Promise<Row[]>;
  /**
   * The append: like `query`, but bounded where the driver can (pg: the statement timeout of its own
   * connections) and cancelled in the server when `signal` aborts. Reads and schema setup are not
   * bounded so: an auditor's read of the whole log may rightly take minutes.
   */
  write<Row>(statement: SqlStatement, values: readonly unknown[], signal?: AbortSignal): Promise<Row[]>;
  /** Several statements without parameters, as one implicit transaction (schema setup). */
  runScript(script: string): Promise<void>;
  /**
   * `work` on one connection inside one transaction: committed when it resolves, rolled back when it
   * throws (schema migrations, which mix scripts and parameterised statements).
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/** The int8 type's OID: both drivers are told to parse it with `BigInt`. */
export const INT8_OID = 20;

export function parseInt8(text: string): bigint {
  return BigInt(text);
}

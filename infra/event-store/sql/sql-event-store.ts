import type { NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import { EventDataRefusedError, EventStoreFailure, EventStoreUnavailableError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  ChainedEventText,
  ChainedLogReader,
  ChainedRecordedEvent,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import type { ReadModelSnapshotStore } from '../read-model-snapshots.port';
import { AppendSignal } from './append-signal';
import { startCatchUpSubscription } from './catch-up-subscription';
import {
  CHAINED_EVENT_COLUMNS,
  CHAINED_TEXT_COLUMNS,
  type ChainedEventRow,
  type ChainedTextRow,
  EVENT_COLUMNS,
  type EventRow,
  toAppendPayload,
  toChainedEventText,
  toChainedRecordedEvent,
  toRecordedEvent,
} from './event-row';
import { assertValidSchemaName, SCHEMA_VERSION, schemaMarker } from './schema';
import { migrateSchema, type SchemaUpgrade, schemaVersionOf } from './schema-migrations';
import type { SqlClient, SqlStatement } from './sql-client';
import { sqlReadModelSnapshots } from './sql-read-model-snapshots';
import { toEventStoreError } from './sql-errors';

export interface SqlEventStoreOptions {
  readonly kind: 'pglite' | 'postgres';
  readonly client: SqlClient;
  readonly schema: string;
  /**
   * How often a live subscription looks for events appended elsewhere; appends through this store wake
   * its subscriptions at once.
   */
  readonly pollIntervalMs: number;
  /** Releases the connection(s) and anything else the adapter holds (directory lock). */
  readonly release: () => Promise<void>;
}

/** Stream versions are int4 in the schema; "from the end" is the largest one. */
const MAX_STREAM_VERSION = 2_147_483_647;

/** append_events' answer: new positions are first_position onwards; a retried append gets its old ones. */
interface AppendRow {
  readonly next_expected_version: number;
  readonly first_position: bigint | null;
  readonly stored_positions: string[] | null;
}

interface MarkerRow {
  readonly marker: string | null;
}

/**
 * The EventStore for both SQL adapters. The driver-specific parts (connection, directory lock) are
 * passed in; the rules live in the database (schema.ts), and this class is the thin typed layer over
 * them: statements, row mapping, error mapping, subscriptions.
 */
export class SqlEventStore implements EventStore {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The store's own connection. Exposed for administration and for tests that must show what the
   * database itself refuses (immutability); application code uses the EventStore methods.
   */
  readonly client: SqlClient;
  readonly schema: string;
  /** The log with its hashes: positions here are gap-free (decision 0002). */
  readonly chained: ChainedLogReader;
  readonly readModelSnapshots: ReadModelSnapshotStore;

  private readonly statements: ReturnType<typeof statementsFor>;
  /** Raised after every append through this store, to wake its live subscriptions. */
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<Subscription>();
  private schemaReady: Promise<void> | undefined;
  private upgrade: SchemaUpgrade | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: SqlEventStoreOptions) {
    assertValidSchemaName(options.schema);
    this.kind = options.kind;
    this.client = options.client;
    this.schema = options.schema;
    this.statements = statementsFor(options.schema);
    this.chained = {
      gapFreePositions: true,
      lastPosition: () => this.lastPosition(),
      readAll: (readOptions = {}) =>
        this.readChainedPage(readOptions.after ?? 0n, countLimit(readOptions.maxCount)),
      readStream: (stream, readOptions = {}) => this.readChainedStream(stream, readOptions),
      schemaVersion: () => this.schemaVersion(),
      readAllText: (readOptions = {}) =>
        this.readChainedText(readOptions.after ?? 0n, countLimit(readOptions.maxCount)),
    };
    this.readModelSnapshots = sqlReadModelSnapshots(options.client, options.schema, (operation, work) =>
      this.run(operation, undefined, work),
    );
  }

  /**
   * Creates or upgrades the schema once per store. A failure is not remembered, so a database that was
   * down at start-up is set up on the first call after it comes back.
   */
  ensureSchema(): Promise<void> {
    this.schemaReady ??= this.setUpSchema().catch((error: unknown) => {
      this.schemaReady = undefined;
      throw toEventStoreError(error, { operation: 'schema setup' });
    });
    return this.schemaReady;
  }

  /** What opening this store upgraded, if it found an older schema (schema-migrations.ts). */
  get schemaUpgrade(): SchemaUpgrade | undefined {
    return this.upgrade;
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = expectedVersionText(expectedVersion);
    const payload = appendPayload(stream, events);
    const [row] = await this.run('append', stream, () =>
      this.client.write<AppendRow>(this.statements.append, [stream, expected, payload], options.signal),
    );
    if (row === undefined) throw new EventStoreFailure('append_events returned no row');
    if (row.stored_positions !== null) {
      return {
        nextExpectedVersion: row.next_expected_version,
        positions: row.stored_positions.map((position) => BigInt(position)),
        alreadyStored: true,
      };
    }
    const first = row.first_position;
    if (first !== null) this.signal.raise();
    return {
      nextExpectedVersion: row.next_expected_version,
      positions: first === null ? [] : events.map((_, index) => first + BigInt(index)),
      alreadyStored: false,
    };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.readStreamRows<EventRow>(stream, options, EVENT_COLUMNS);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readPage(options.after ?? 0n, countLimit(options.maxCount));
  }

  subscribeToAll(
    options: SubscribeOptions,
    handler: (event: RecordedEvent) => Promise<void> | void,
  ): Subscription {
    const subscription = startCatchUpSubscription(
      {
        readPage: (after, maxCount) => this.readPage(after, maxCount),
        signal: this.signal,
        pollIntervalMs: this.options.pollIntervalMs,
      },
      options.after ?? 0n,
      handler,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  private schemaVersion(): Promise<number> {
    return this.run('schemaVersion', undefined, () => schemaVersionOf(this.client, this.schema));
  }

  private async lastPosition(): Promise<bigint> {
    const [row] = await this.run('lastPosition', undefined, () =>
      this.client.query<{ last_position: bigint }>(this.statements.health, []),
    );
    return row?.last_position ?? 0n;
  }

  async checkHealth(): Promise<void> {
    await this.run('checkHealth', undefined, () => this.client.query(this.statements.health, []));
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    try {
      await this.options.release();
    } catch (error) {
      throw toEventStoreError(error, { operation: 'close' });
    }
  }

  private async readChainedStream(
    stream: string,
    options: ReadStreamOptions,
  ): Promise<ChainedRecordedEvent[]> {
    const rows = await this.readStreamRows<ChainedEventRow>(stream, options, CHAINED_EVENT_COLUMNS);
    return rows.map(toChainedRecordedEvent);
  }

  private async readStreamRows<Row>(
    stream: string,
    options: ReadStreamOptions,
    columns: string,
  ): Promise<Row[]> {
    const maxCount = countLimit(options.maxCount);
    const backwards = options.direction === 'backwards';
    const fromVersion = options.fromVersion ?? (backwards ? MAX_STREAM_VERSION : 0);
    const statement = streamStatement(this.schema, columns, backwards);
    return this.run('readStream', stream, () =>
      this.client.query<Row>(statement, [stream, fromVersion, maxCount]),
    );
  }

  private async readChainedPage(after: bigint, maxCount: number | null): Promise<ChainedRecordedEvent[]> {
    const rows = await this.run('readAll', undefined, () =>
      this.client.query<ChainedEventRow>(this.statements.readAllChained, [after.toString(), maxCount]),
    );
    return rows.map(toChainedRecordedEvent);
  }

  private async readChainedText(after: bigint, maxCount: number | null): Promise<ChainedEventText[]> {
    const rows = await this.run('readAll', undefined, () =>
      this.client.query<ChainedTextRow>(this.statements.readAllText, [after.toString(), maxCount]),
    );
    return rows.map(toChainedEventText);
  }

  private async readPage(after: bigint, maxCount: number | null): Promise<RecordedEvent[]> {
    const rows = await this.run('readAll', undefined, () =>
      this.client.query<EventRow>(this.statements.readAll, [after.toString(), maxCount]),
    );
    return rows.map(toRecordedEvent);
  }

  /** Every port method goes through here: closed check, schema, and translation of driver errors. */
  private async run<T>(operation: string, stream: string | undefined, work: () => Promise<T>): Promise<T> {
    if (this.closing !== undefined) {
      throw new EventStoreUnavailableError(`The ${this.kind} event store is closed`);
    }
    await this.ensureSchema();
    try {
      return await work();
    } catch (error) {
      throw toEventStoreError(error, stream === undefined ? { operation } : { operation, stream });
    }
  }

  private async setUpSchema(): Promise<void> {
    const [row] = await this.client.query<MarkerRow>(this.statements.schemaMarker, []);
    if (row?.marker !== schemaMarker(SCHEMA_VERSION)) {
      this.upgrade = (await migrateSchema(this.client, this.schema)) ?? this.upgrade;
    }
  }
}

/**
 * The append and the health check are named, so pg prepares them once per connection. Reads are not:
 * a prepared statement soon switches to a generic plan, and one made while the table was small (a
 * sequential scan and a sort) would be kept as it grows; unnamed, they are planned for the data as it is.
 */
function statementsFor(schema: string) {
  const named = (name: string, text: string): SqlStatement => ({
    name: `event_store.${schema}.${name}`,
    text,
  });
  const unnamed = (text: string): SqlStatement => ({ text });
  return {
    schemaMarker: unnamed(
      `SELECT pg_catalog.obj_description(to_regclass('${schema}.events'), 'pg_class') AS marker`,
    ),
    append: named(
      'append',
      `SELECT next_expected_version, first_position, stored_positions FROM ${schema}.append_events($1, $2, $3::jsonb)`,
    ),
    readAll: unnamed(
      `SELECT ${EVENT_COLUMNS} FROM ${schema}.events
        WHERE global_position > $1::bigint ORDER BY global_position LIMIT $2`,
    ),
    readAllChained: unnamed(
      `SELECT ${CHAINED_EVENT_COLUMNS} FROM ${schema}.events
        WHERE global_position > $1::bigint ORDER BY global_position LIMIT $2`,
    ),
    readAllText: unnamed(
      `SELECT ${CHAINED_TEXT_COLUMNS} FROM ${schema}.events
        WHERE global_position > $1::bigint ORDER BY global_position LIMIT $2`,
    ),
    health: named('health', `SELECT last_position FROM ${schema}.global_position_counter`),
  };
}

/** Unnamed, like the other reads: planned for the data as it is. */
function streamStatement(schema: string, columns: string, backwards: boolean): SqlStatement {
  return {
    text: backwards
      ? `SELECT ${columns} FROM ${schema}.events
          WHERE stream = $1 AND stream_version <= $2 ORDER BY stream_version DESC LIMIT $3`
      : `SELECT ${columns} FROM ${schema}.events
          WHERE stream = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3`,
  };
}

function expectedVersionText(expected: ExpectedVersion): string {
  if (typeof expected === 'number') {
    if (!Number.isInteger(expected) || expected < -1 || expected > MAX_STREAM_VERSION) {
      throw new EventStoreFailure(`Expected version ${expected} is not a stream version`);
    }
    return String(expected);
  }
  return expected;
}

/** Events that cannot even be put into JSON (a bigint, a cycle) are refused as data, like the database's refusals. */
function appendPayload(stream: string, events: readonly NewEvent[]): string {
  try {
    return toAppendPayload(stream, events);
  } catch (error) {
    throw new EventDataRefusedError(`The events for "${stream}" cannot be stored as JSON: ${String(error)}`, {
      cause: error,
    });
  }
}

/** `null` binds as `LIMIT NULL`, which PostgreSQL reads as "no limit". */
function countLimit(maxCount: number | undefined): number | null {
  if (maxCount === undefined) return null;
  if (!Number.isInteger(maxCount) || maxCount < 0) {
    throw new EventStoreFailure(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

/**
 * Brings a store of any earlier schema to the current one, at start, on PGlite and PostgreSQL alike
 * (docs/decisions/0071-schema-migrations-keep-the-record.md). A store is upgraded, never refused: its
 * events are the programme's record and cannot be deleted to make way for new code.
 *
 * Everything runs in one transaction under the schema's advisory lock: the migrations each version needs,
 * the current definitions (schema.ts), a row per migration in `schema_history`, and, for a store that
 * existed before, an `EventStoreSchemaUpgraded` event appended through append_events — so the upgrade is
 * in the log it changed, and the next checkpoint seals it. A failure leaves the store as it was.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../../domain/shared/event-envelope';
import { EventStoreFailure } from '../event-store.errors';
import { chainStoredEvents, type ChainedAfterTheFact } from './chain-stored-events';
import { toAppendPayload } from './event-row';
import {
  GENESIS,
  READ_MODEL_SNAPSHOTS_TABLE,
  SCHEMA_VERSION,
  schemaDefinitionsSql,
  schemaMarker,
  versionOfMarker,
} from './schema';
import type { SqlClient } from './sql-client';

interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the upgrade's transaction; what it tells is recorded in the upgrade event. */
  apply(tx: SqlClient, schema: string): Promise<ChainedAfterTheFact | undefined>;
}

/** A migration that only changes definitions: it has nothing to tell the upgrade event. */
function ddlMigration(version: number, name: string, script: (schema: string) => string): Migration {
  return {
    version,
    name,
    apply: async (tx, schema) => {
      await tx.runScript(script(schema));
      return undefined;
    },
  };
}

/**
 * The events table's columns after its global position, as schema v1 made them (v2 adds the hashes, v3
 * drops recorded_at's default). The benchmarks' baseline table (bench/raw-event-table.ts) has the same.
 */
export const EVENT_COLUMNS_V1 = `
  id              uuid        NOT NULL UNIQUE,
  stream          text        NOT NULL,
  stream_version  integer     NOT NULL CHECK (stream_version >= 0),
  type            text        NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream, stream_version)`;

const MIGRATIONS: readonly Migration[] = [
  // Schema v1's tables, as its first version made them (git history of schema.ts).
  ddlMigration(
    1,
    'event tables',
    (s) => `
CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream  text    PRIMARY KEY,
  -- 0-based version of the stream's last event; a stream exists from its first event on.
  version integer NOT NULL CHECK (version >= 0)
);
-- The single-row counter global positions are taken from (docs/decisions/0002-global-log-ordering.md).
CREATE TABLE IF NOT EXISTS ${s}.global_position_counter (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_position bigint  NOT NULL CHECK (last_position >= 0)
);
INSERT INTO ${s}.global_position_counter (singleton, last_position) VALUES (true, 0)
  ON CONFLICT (singleton) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.events (
  global_position bigint      PRIMARY KEY,${EVENT_COLUMNS_V1}
);`,
  ),
  {
    version: 2,
    name: 'hash chains',
    apply: async (tx, s) => {
      // docs/decisions/0020-hash-chain-and-checkpoints.md: content, stream link, and place in the whole log.
      await tx.runScript(`
ALTER TABLE ${s}.events
  ADD COLUMN content_hash text, ADD COLUMN chain_hash text, ADD COLUMN log_hash text;
ALTER TABLE ${s}.streams ADD COLUMN chain_hash text;
ALTER TABLE ${s}.global_position_counter ADD COLUMN log_hash text NOT NULL DEFAULT '${GENESIS}';`);
      const chained = await chainStoredEvents(tx, s);
      await tx.runScript(`
ALTER TABLE ${s}.events
  ALTER COLUMN content_hash SET NOT NULL, ALTER COLUMN chain_hash SET NOT NULL, ALTER COLUMN log_hash SET NOT NULL;
ALTER TABLE ${s}.streams ALTER COLUMN chain_hash SET NOT NULL;`);
      return chained;
    },
  },
  // The privileges and the function are in the definitions; the tables change only here.
  ddlMigration(
    3,
    'append only through a definer function; recorded_at set by it; schema history',
    (s) => `
CREATE TABLE IF NOT EXISTS ${s}.schema_history (
  version    integer     PRIMARY KEY,
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL,
  applied_by text        NOT NULL
);
-- Only append_events sets it, from the clock it reads once the positions are held.
ALTER TABLE ${s}.events ALTER COLUMN recorded_at DROP DEFAULT;`,
  ),
  // docs/decisions/0122-read-model-snapshots-in-the-store.md: derived state, never the record. One row
  // per read-model set and fold version; the log hash at its position ties it to this log.
  ddlMigration(
    4,
    'read-model snapshots',
    (s) => `
CREATE TABLE IF NOT EXISTS ${s}.${READ_MODEL_SNAPSHOTS_TABLE} (
  name         text        NOT NULL,
  fold_version integer     NOT NULL,
  position     bigint      NOT NULL CHECK (position > 0),
  log_hash     text        NOT NULL,
  taken_at     timestamptz NOT NULL,
  body         bytea       NOT NULL,
  PRIMARY KEY (name, fold_version)
);`,
  ),
];

/** The stream every upgrade of the store's schema is recorded in. */
export const SCHEMA_UPGRADE_STREAM = 'event-store-schema';
export const SCHEMA_UPGRADED = 'EventStoreSchemaUpgraded';

/** What an upgrade records: which schema the store had, which it has now, and what was done. */
export interface SchemaUpgradedData {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly migrations: readonly { readonly version: number; readonly name: string }[];
  readonly upgradedAt: string;
  /**
   * Events stored before hash chains existed, chained and hashed by this upgrade: their hashes vouch for
   * them as they were found at `upgradedAt`, not as they were appended.
   */
  readonly chainedAfterTheFact: ChainedAfterTheFact | null;
}

export interface SchemaUpgrade extends SchemaUpgradedData {
  /** Where the upgrade's event stands in the log. */
  readonly position: bigint;
}

/** 0 when the schema holds no store yet. */
export async function schemaVersionOf(client: SqlClient, schema: string): Promise<number> {
  const [row] = await client.query<{ marker: string | null; present: boolean }>(
    {
      text: `SELECT to_regclass('${schema}.events') IS NOT NULL AS present,
                    pg_catalog.obj_description(to_regclass('${schema}.events'), 'pg_class') AS marker`,
    },
    [],
  );
  if (row?.present !== true) return 0;
  const version = row.marker === null ? undefined : versionOfMarker(row.marker);
  if (version === undefined) {
    throw new EventStoreFailure(
      `${schema}.events is not an event store this code knows (its comment is ${JSON.stringify(row.marker)})`,
    );
  }
  return version;
}

/**
 * Creates the store, or upgrades it to SCHEMA_VERSION. Returns what an upgrade did; undefined when the
 * store was created or another process had already brought it up to date.
 */
export async function migrateSchema(
  client: SqlClient,
  schema: string,
  now: () => Date = () => new Date(),
): Promise<SchemaUpgrade | undefined> {
  return client.transaction(async (tx) => {
    await tx.query({ text: 'SELECT pg_advisory_xact_lock(hashtext($1))' }, [`event-store-schema:${schema}`]);
    const found = await schemaVersionOf(tx, schema);
    if (found === SCHEMA_VERSION) return undefined;
    if (found > SCHEMA_VERSION) {
      throw new EventStoreFailure(
        `The event store in schema ${schema} is at schema v${found}, newer than this code's v${SCHEMA_VERSION}: run the newer version`,
      );
    }
    await tx.runScript(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const pending = MIGRATIONS.filter((migration) => migration.version > found);
    let chainedAfterTheFact: ChainedAfterTheFact | null = null;
    for (const migration of pending) {
      chainedAfterTheFact = (await migration.apply(tx, schema)) ?? chainedAfterTheFact;
    }
    await tx.runScript(schemaDefinitionsSql(schema));
    const upgradedAt = now().toISOString();
    await tx.query(
      {
        text: `INSERT INTO ${schema}.schema_history (version, name, applied_at, applied_by)
               SELECT v, n, $3::timestamptz, current_user FROM unnest($1::int[], $2::text[]) AS m(v, n)`,
      },
      [pending.map((migration) => migration.version), pending.map((migration) => migration.name), upgradedAt],
    );
    const upgrade: SchemaUpgradedData = {
      fromVersion: found,
      toVersion: SCHEMA_VERSION,
      migrations: pending.map(({ version, name }) => ({ version, name })),
      upgradedAt,
      chainedAfterTheFact,
    };
    // A new store has nothing to upgrade; an existing one, even empty, records that it was.
    const position = found === 0 ? undefined : await recordUpgrade(tx, schema, upgrade);
    await tx.runScript(`COMMENT ON TABLE ${schema}.events IS '${schemaMarker(SCHEMA_VERSION)}'`);
    return position === undefined ? undefined : { ...upgrade, position };
  });
}

async function recordUpgrade(tx: SqlClient, schema: string, upgrade: SchemaUpgradedData): Promise<bigint> {
  const id = randomUUID();
  const event: NewEvent<SchemaUpgradedData> = {
    id,
    type: SCHEMA_UPGRADED,
    data: upgrade,
    occurredAt: upgrade.upgradedAt,
    metadata: {
      actor: { userId: 'event-store-migration', seat: 'system' },
      causationId: id,
      correlationId: `schema-upgrade:v${upgrade.fromVersion}-v${upgrade.toVersion}`,
    },
  };
  const [row] = await tx.query<{ first_position: bigint }>(
    { text: `SELECT first_position FROM ${schema}.append_events($1, 'any', $2::jsonb)` },
    [SCHEMA_UPGRADE_STREAM, toAppendPayload(SCHEMA_UPGRADE_STREAM, [event])],
  );
  if (row?.first_position === undefined || row.first_position === null) {
    throw new EventStoreFailure('The schema upgrade could not record itself in the log');
  }
  return BigInt(row.first_position);
}

/**
 * The one schema both SQL adapters (PostgreSQL through `pg`, PGlite) run. Everything the store
 * promises that the database can enforce is enforced here, not in TypeScript: the append rules live in
 * `append_events` (one round trip, the same logic for both drivers), immutability in triggers, and who
 * may write in privileges: the application reads, and appends only through the function. See
 * docs/decisions/0002-global-log-ordering.md, 0003-event-immutability.md and
 * 0070-append-only-through-the-function.md. How a store of an older schema is brought here:
 * schema-migrations.ts (decision 0071).
 */

/** The schema this code runs. Each version's tables are made by its migration (schema-migrations.ts). */
export const SCHEMA_VERSION = 4;

/**
 * Snapshots of the API's read models (schema v4): derived state the application may write and replace,
 * unlike every other table here (docs/decisions/0122-read-model-snapshots-in-the-store.md).
 */
export const READ_MODEL_SNAPSHOTS_TABLE = 'read_model_snapshots';

/**
 * Stored as the comment on the events table: opening a store whose comment names the current version runs
 * no DDL at all (so no locks are taken at start-up). Every version so far has written it this way.
 */
export function schemaMarker(version: number): string {
  return `characteristic-towns event store, schema v${version}`;
}

/** The version a marker names; undefined for a comment that is not one of ours. */
export function versionOfMarker(marker: string): number | undefined {
  const match = /^characteristic-towns event store, schema v([1-9][0-9]*)$/.exec(marker);
  return match === null ? undefined : Number(match[1]);
}

/** The "previous hash" of a stream's first event and of the log's first event (event-hash.ts). */
export const GENESIS = '0'.repeat(64);

/** The application's role: reads the store, and appends only by executing append_events. */
export const APPLICATION_ROLE = 'event_store_app';

/**
 * The role append_events runs as (SECURITY DEFINER): it holds exactly the writes an append makes, and
 * cannot log in. Nobody appends as it but through the function.
 */
export const WRITER_ROLE = 'event_store_writer';

/** Custom SQLSTATEs raised by `append_events`, mapped to typed errors in sql-errors.ts. */
export const SQLSTATE = {
  wrongExpectedVersion: 'EV001',
  eventIdConflict: 'EV002',
  immutableEvents: 'EV003',
} as const;

/**
 * Schema names are spliced into SQL (identifiers cannot be bound as parameters), so only plain
 * lower-case identifiers are accepted.
 */
export function assertValidSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) {
    throw new RangeError(
      `Event store schema name "${schema}" must be a lower-case SQL identifier of at most 50 characters`,
    );
  }
}

/**
 * What the current version defines over its tables: triggers, privileges, the append function and its
 * helpers. Idempotent; run after the migrations, in their transaction, whenever the version changes.
 */
export function schemaDefinitionsSql(schema: string): string {
  assertValidSchemaName(schema);
  const s = schema;
  return `
-- Immutability, part 1: no statement may change or remove a stored event, whoever runs it.
CREATE OR REPLACE FUNCTION ${s}.reject_event_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = '${SQLSTATE.immutableEvents}',
    MESSAGE = format('Events are immutable: %s on %I.%I is not allowed', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME);
END
$fn$;

CREATE OR REPLACE TRIGGER events_are_immutable
  BEFORE UPDATE OR DELETE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.reject_event_change();
CREATE OR REPLACE TRIGGER events_are_not_truncated
  BEFORE TRUNCATE ON ${s}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.reject_event_change();
-- ALWAYS: the triggers fire even with session_replication_role = replica, the usual way to skip triggers.
ALTER TABLE ${s}.events ENABLE ALWAYS TRIGGER events_are_immutable;
ALTER TABLE ${s}.events ENABLE ALWAYS TRIGGER events_are_not_truncated;

-- Immutability, part 2: privileges (docs/decisions/0070-append-only-through-the-function.md). Nobody but
-- the owner holds UPDATE, DELETE or TRUNCATE on events, and the application role holds no write at all:
-- it reads, and appends only through append_events, which runs as ${WRITER_ROLE}.
REVOKE ALL ON ${s}.events, ${s}.streams, ${s}.global_position_counter, ${s}.schema_history,
  ${s}.${READ_MODEL_SNAPSHOTS_TABLE} FROM PUBLIC;
DO $do$
DECLARE
  v_role text;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['${APPLICATION_ROLE}', '${WRITER_ROLE}'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
      EXCEPTION
        -- Roles are cluster-wide: another database's setup may have created it a moment ago.
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE NOTICE 'event store: cannot create role %; grant its privileges by hand', v_role;
      END;
    END IF;
  END LOOP;
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
    -- A store set up before schema v3 granted writes: take them back.
    REVOKE ALL ON ${s}.events, ${s}.streams, ${s}.global_position_counter, ${s}.schema_history
      FROM ${APPLICATION_ROLE};
    GRANT USAGE ON SCHEMA ${s} TO ${APPLICATION_ROLE};
    GRANT SELECT ON ${s}.events, ${s}.streams, ${s}.global_position_counter, ${s}.schema_history
      TO ${APPLICATION_ROLE};
    -- Snapshots are a cache of the fold, checked against the log when loaded: the application keeps them.
    GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}.${READ_MODEL_SNAPSHOTS_TABLE} TO ${APPLICATION_ROLE};
  END IF;
END
$do$;

-- The append, in one round trip. The common path runs three statements: reserve the stream versions
-- (which locks the stream's row), then reserve the global positions (which locks the counter), then
-- insert and move both chains on. The counter, the one lock every append shares, is taken as late as
-- possible, so appends queue on it only for the insert and the commit. Lookups for retried appends happen
-- only when something already looks wrong.
--
-- Hash chains (docs/decisions/0020-hash-chain-and-checkpoints.md): each event of p_events carries, next
-- to its envelope, its RFC 8785 canonical content split around the stream version (head, tail;
-- event-hash.ts). Only here is the version certain, so the content hash (of head || version || tail) is
-- taken here. The stream's chain continues from streams.chain_hash (locked with the stream's row) and the
-- log's from the counter's log_hash (locked with the positions), so both are computed in this one call.
-- The envelope is not re-parsed from the canonical text (that doubled the cost of an append); the two
-- come from one object in event-hash.ts, and verification compares them on every read.
--
-- enable_seqscan = off: PL/pgSQL caches a generic plan per statement, and one made while a table was
-- nearly empty is a sequential scan that would outlive the table's growth (PGlite, which has no
-- autovacuum, would never re-plan it). Every statement here is a key lookup or an insert, so an index
-- is always right; this keeps the cached plans (re-planning each call costs more than the append).
DROP FUNCTION IF EXISTS ${s}.append_events(text, text, jsonb);
CREATE FUNCTION ${s}.append_events(
  p_stream text, p_expected text, p_events jsonb,
  OUT next_expected_version integer, OUT first_position bigint, OUT stored_positions text[])
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $fn$
DECLARE
  v_count       integer := jsonb_array_length(p_events);
  v_current     integer;
  v_prev_chain  text;
  v_chain       text;
  v_prev_log    text;
  v_log         text;
  v_first       bigint;
  v_inserted    integer;
  v_contents    text[] := '{}';
  v_chains      text[] := '{}';
  v_logs        text[] := '{}';
  v_event       jsonb;
  v_recorded    timestamptz;
BEGIN
  IF v_count = 0 THEN
    -- Nothing to write: only the version check.
    SELECT st.version INTO v_current FROM ${s}.streams st WHERE st.stream = p_stream;
    v_current := coalesce(v_current, -1);
    IF NOT ${s}.expected_version_matches(p_expected, v_current) THEN
      PERFORM ${s}.raise_wrong_expected_version(p_stream, p_expected, v_current);
    END IF;
    next_expected_version := v_current;
    RETURN;
  END IF;

  -- 1. Reserve the stream versions; the row lock queues appends to this stream (and only this one).
  UPDATE ${s}.streams SET version = version + v_count WHERE stream = p_stream
    RETURNING version - v_count, chain_hash INTO v_current, v_prev_chain;
  IF NOT FOUND THEN
    INSERT INTO ${s}.streams (stream, version, chain_hash) VALUES (p_stream, v_count - 1, '${GENESIS}')
      ON CONFLICT (stream) DO NOTHING;
    IF FOUND THEN
      v_current := -1;
      v_prev_chain := '${GENESIS}';
    ELSE
      -- A concurrent append created the stream and has committed meanwhile.
      UPDATE ${s}.streams SET version = version + v_count WHERE stream = p_stream
        RETURNING version - v_count, chain_hash INTO v_current, v_prev_chain;
    END IF;
  END IF;

  -- 2. Optimistic concurrency. A retry of an append that did commit arrives with a stale version: it is
  --    answered with the original result instead of refused.
  IF NOT ${s}.expected_version_matches(p_expected, v_current) THEN
    SELECT r.next_expected_version, r.stored_positions INTO next_expected_version, stored_positions
      FROM ${s}.stored_append(p_stream, p_events) r;
    IF stored_positions IS NULL THEN
      PERFORM ${s}.raise_wrong_expected_version(p_stream, p_expected, v_current);
    END IF;
    UPDATE ${s}.streams SET version = v_current WHERE stream = p_stream;
    RETURN;
  END IF;

  -- 3. The stream's chain, while only the stream's lock is held.
  v_chain := v_prev_chain;
  FOR i IN 1 .. v_count LOOP
    v_event := p_events -> (i - 1);
    v_contents[i] := encode(sha256(convert_to(
      (v_event ->> 'head') || (v_current + i) || (v_event ->> 'tail'), 'UTF8')), 'hex');
    v_chain := encode(sha256(convert_to(v_chain || v_contents[i], 'UTF8')), 'hex');
    v_chains[i] := v_chain;
  END LOOP;

  -- 4. Reserve the global positions, as late as possible (from here to COMMIT every other append waits),
  --    and continue the log's chain from them.
  UPDATE ${s}.global_position_counter SET last_position = last_position + v_count WHERE singleton
    RETURNING last_position - v_count + 1, log_hash INTO v_first, v_prev_log;
  -- Read once the positions are held, so recorded_at never goes back as positions go up (one clock).
  v_recorded := clock_timestamp();
  v_log := v_prev_log;
  FOR i IN 1 .. v_count LOOP
    v_log := encode(sha256(convert_to(v_log || (v_first + i - 1) || v_chains[i], 'UTF8')), 'hex');
    v_logs[i] := v_log;
  END LOOP;

  -- 5. Insert, and move both chains on, in one statement.
  WITH inserted AS (
    INSERT INTO ${s}.events (global_position, id, stream, stream_version, type, data, metadata, occurred_at,
                             recorded_at, content_hash, chain_hash, log_hash)
    SELECT v_first + x.ord - 1,
           (x.value ->> 'id')::uuid,
           p_stream,
           v_current + x.ord::integer,
           x.value ->> 'type',
           coalesce(x.value -> 'data', 'null'::jsonb),
           x.value -> 'metadata',
           (x.value ->> 'occurredAt')::timestamptz,
           v_recorded,
           v_contents[x.ord], v_chains[x.ord], v_logs[x.ord]
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(value, ord)
    ON CONFLICT (id) DO NOTHING
    RETURNING 1
  ), sealed AS (
    UPDATE ${s}.global_position_counter SET log_hash = v_log WHERE singleton
  ), chained AS (
    UPDATE ${s}.streams SET chain_hash = v_chain WHERE stream = p_stream
  )
  SELECT count(*)::integer FROM inserted INTO v_inserted;

  IF v_inserted < v_count THEN
    -- Some ids were stored before. All of them, in this stream, and nothing inserted: a retry (with
    -- 'any', or a version that happens to match). Give the reservations and both chains back, and answer it.
    IF v_inserted = 0 THEN
      SELECT r.next_expected_version, r.stored_positions INTO next_expected_version, stored_positions
        FROM ${s}.stored_append(p_stream, p_events) r;
    END IF;
    IF stored_positions IS NULL THEN
      PERFORM ${s}.raise_event_id_conflict(p_stream, p_events, v_first - 1);
    END IF;
    UPDATE ${s}.global_position_counter
       SET last_position = last_position - v_count, log_hash = v_prev_log WHERE singleton;
    UPDATE ${s}.streams SET version = v_current, chain_hash = v_prev_chain WHERE stream = p_stream;
    RETURN;
  END IF;

  next_expected_version := v_current + v_count;
  first_position := v_first;
END
$fn$;


-- The one way in: the application role may execute the append, which runs as ${WRITER_ROLE}, a role that
-- holds exactly the writes an append makes. Ownership moves only where this setup may hand it over; the
-- function is then still a definer function, owned by whoever runs this setup, never by the application.
REVOKE ALL ON FUNCTION ${s}.append_events(text, text, jsonb) FROM PUBLIC;
DO $do$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
    GRANT EXECUTE ON FUNCTION ${s}.append_events(text, text, jsonb) TO ${APPLICATION_ROLE};
  END IF;
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${WRITER_ROLE}')
     AND pg_catalog.pg_has_role(current_user, '${WRITER_ROLE}', 'MEMBER') THEN
    GRANT USAGE ON SCHEMA ${s} TO ${WRITER_ROLE};
    GRANT SELECT, INSERT ON ${s}.events TO ${WRITER_ROLE};
    GRANT SELECT, INSERT, UPDATE ON ${s}.streams TO ${WRITER_ROLE};
    GRANT SELECT, UPDATE ON ${s}.global_position_counter TO ${WRITER_ROLE};
    -- ALTER ... OWNER wants the new owner to be able to create in the schema; it keeps that no longer.
    GRANT CREATE ON SCHEMA ${s} TO ${WRITER_ROLE};
    ALTER FUNCTION ${s}.append_events(text, text, jsonb) OWNER TO ${WRITER_ROLE};
    REVOKE CREATE ON SCHEMA ${s} FROM ${WRITER_ROLE};
  ELSE
    RAISE NOTICE 'event store: append_events stays owned by %; give it to ${WRITER_ROLE} by hand', current_user;
  END IF;
END
$do$;

CREATE OR REPLACE FUNCTION ${s}.expected_version_matches(p_expected text, p_current integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE p_expected
           WHEN 'any' THEN true
           WHEN 'no_stream' THEN p_current = -1
           WHEN 'stream_exists' THEN p_current >= 0
           ELSE p_current = p_expected::integer
         END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.raise_wrong_expected_version(p_stream text, p_expected text, p_current integer)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = '${SQLSTATE.wrongExpectedVersion}',
    MESSAGE = format('Stream %s is at version %s, expected %s', p_stream, p_current, p_expected),
    DETAIL = jsonb_build_object('stream', p_stream, 'expected', p_expected, 'actual', p_current)::text;
END
$fn$;

-- When every id of the append is stored in this stream: the version that append reached and its
-- positions, in the order of the ids given. Otherwise no row.
CREATE OR REPLACE FUNCTION ${s}.stored_append(p_stream text, p_events jsonb)
RETURNS TABLE (next_expected_version integer, stored_positions text[])
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $fn$
  SELECT max(e.stream_version)::integer, array_agg(e.global_position::text ORDER BY x.ord)
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(value, ord)
    LEFT JOIN ${s}.events e ON e.id = (x.value ->> 'id')::uuid AND e.stream = p_stream
  HAVING count(e.id) = count(*)
$fn$;

-- Names the first id, in the order given, that was stored before this append (positions up to
-- p_stored_up_to), or failing that the first id given twice; then refuses the append.
CREATE OR REPLACE FUNCTION ${s}.raise_event_id_conflict(p_stream text, p_events jsonb, p_stored_up_to bigint)
RETURNS void LANGUAGE plpgsql
SET enable_seqscan = off
AS $fn$
DECLARE
  v_conflict uuid;
BEGIN
  SELECT x.id INTO v_conflict
    FROM (SELECT (value ->> 'id')::uuid AS id, ord
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(value, ord)) x
   WHERE EXISTS (SELECT FROM ${s}.events e WHERE e.id = x.id AND e.global_position <= p_stored_up_to)
   ORDER BY x.ord LIMIT 1;
  IF v_conflict IS NULL THEN
    SELECT (value ->> 'id')::uuid INTO v_conflict
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(value, ord)
     GROUP BY 1 HAVING count(*) > 1 ORDER BY min(ord) LIMIT 1;
  END IF;
  RAISE EXCEPTION USING
    ERRCODE = '${SQLSTATE.eventIdConflict}',
    MESSAGE = format('Event %s is already stored, but not as part of the same append to %s', v_conflict, p_stream),
    DETAIL = jsonb_build_object('stream', p_stream, 'eventId', v_conflict)::text;
END
$fn$;

`;
}

import { generateKeyPairSync } from 'node:crypto';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { type Checkpoint, signCheckpoint } from '../../../infra/audit/checkpoint';
import { keyIdOf } from '../../../infra/audit/keys';
import { verifyLog } from '../../../audit/verify/verify';
import { toAppendPayload } from '../../../infra/event-store/sql/event-row';
import {
  SCHEMA_UPGRADE_STREAM,
  SCHEMA_UPGRADED,
  type SchemaUpgradedData,
} from '../../../infra/event-store/sql/schema-migrations';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { schemaV1Sql } from './fixtures/schema-v1';
import { testEvents, uniqueStream } from './test-events';

/** A bare connection to a database, before any store code has touched it. */
export interface RawDatabase {
  exec(script: string): Promise<void>;
  query(text: string, values: unknown[]): Promise<unknown>;
}

/** Makes a store of the first schema in `schema` and appends through its own v1 append_events. */
export async function storeOfSchemaV1(db: RawDatabase, schema: string) {
  await db.exec(schemaV1Sql(schema));
  const [first, second] = [uniqueStream('v1-a'), uniqueStream('v1-b')];
  const appended = [
    [first, testEvents(2), 'no_stream'],
    [second, testEvents(1), 'no_stream'],
    [first, testEvents(2), '1'],
  ] as const;
  for (const [stream, events, expected] of appended) {
    await db.query(`SELECT ${schema}.append_events($1, $2, $3::jsonb)`, [
      stream,
      expected,
      toAppendPayload(stream, events),
    ]);
  }
  return { streams: [first, second], events: 5 };
}

const signingKey = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
};

/** A sink in memory: what a checkpointer would keep in its file. */
function memorySink() {
  const held: Checkpoint[] = [];
  return {
    held,
    sink: {
      description: 'memory',
      append: (checkpoint: Checkpoint) => Promise.resolve(void held.push(checkpoint)),
      readAll: () => Promise.resolve([...held]),
    },
  };
}

/**
 * What must hold after a store of schema v1 holding 5 events is opened by the current code: upgraded (not
 * refused), every old event chained and hashed so that verification passes, the upgrade recorded as an
 * event and sealed by the next checkpoint, and the store appending as usual.
 */
export async function expectUpgradedFromV1(store: SqlEventStore, streams: readonly string[]): Promise<void> {
  await store.checkHealth();
  const upgrade = store.schemaUpgrade;
  expect(upgrade).toMatchObject({
    fromVersion: 1,
    toVersion: 4,
    migrations: [{ version: 2 }, { version: 3 }, { version: 4 }],
    chainedAfterTheFact: { events: 5, fromPosition: '1', toPosition: '5' },
    position: 6n,
  });

  const log = await store.chained.readAll();
  expect(log.map((event) => event.globalPosition)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  const recorded = log[5] as RecordedEvent<SchemaUpgradedData>;
  expect(recorded).toMatchObject({ stream: SCHEMA_UPGRADE_STREAM, type: SCHEMA_UPGRADED });
  expect(recorded.data).toMatchObject({ fromVersion: 1, toVersion: 4, upgradedAt: upgrade?.upgradedAt });
  expect(recorded.data.chainedAfterTheFact?.logDigest).toBe(log[4]?.logHash);

  const history = await store.client.query<{ version: number }>(
    { text: `SELECT version FROM ${store.schema}.schema_history ORDER BY version` },
    [],
  );
  expect(history.map((row) => row.version)).toEqual([2, 3, 4]);

  // Verification passes over the chained old events and the upgrade, and a checkpoint seals both.
  const key = signingKey();
  const trustedKeys = new Map([[key.keyId, key.publicKey]]);
  const { sink, held } = memorySink();
  const made = await makeCheckpoint({ log: store.chained, sink, key, now: () => new Date() });
  // It names the schema the store reached; the upgrade event it seals says the same (decision 0076).
  expect(made).toMatchObject({ made: true, checkpoint: { upToPosition: '6', count: 6, schemaVersion: 4 } });

  const [stream] = streams;
  await store.append(stream!, testEvents(1), 3);
  const report = await verifyLog({ log: store.chained, checkpoints: held, trustedKeys });
  expect(report.findings).toEqual([]);
  expect(report).toMatchObject({ ok: true, checkpointsVerified: 1, count: 7 });

  // A checkpoint of the same events naming the schema the store had before the upgrade is reported.
  const { format: _format, keyId: _keyId, signature: _signature, ...sealed } = held[0]!;
  const misnamed = signCheckpoint(
    { ...sealed, logHashPrefixes: sealed.logHashPrefixes!, schemaVersion: 1 },
    key,
  );
  const misnamedReport = await verifyLog({ log: store.chained, checkpoints: [misnamed], trustedKeys });
  expect(misnamedReport.findings).toEqual([
    expect.objectContaining({
      code: 'CHECKPOINT_SCHEMA_MISMATCH',
      checkpoint: 1,
      expected: '4',
      actual: '1',
    }),
  ]);
  expect(await store.readStream(stream!)).toHaveLength(5);
}

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Client } from 'pg';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { EventStoreUnavailableError } from '../../../infra/event-store/event-store.errors';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import {
  createPostgresEventStore,
  type PostgresEventStoreOptions,
} from '../../../infra/event-store/postgres/postgres-event-store';
import { APPLICATION_ROLE } from '../../../infra/event-store/sql/schema';
import { toAppendPayload } from '../../../infra/event-store/sql/event-row';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { killHard, startFixture } from './child-process';
import { describeEventStoreContract } from './event-store.contract';
import { durabilityPayload } from './fixtures/append-until-killed';
import { describeSqlEventStoreChecks, positionsAboveTwoToThe62 } from './sql-event-store.checks';
import { testEvent, testEvents, uniqueStream, waitUntil } from './test-events';

// Child processes (ts-node start-up) and PGlite start-ups (about 1-2 s each) need more than the default.
jest.setTimeout(60_000);

const databaseUrl = process.env.DATABASE_URL;

/** A schema per store: tests (and parallel Jest workers) never see each other's events. */
function uniqueSchema(): string {
  return `es_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

if (databaseUrl !== undefined && databaseUrl !== '') {
  const url = databaseUrl;

  const postgresStore = async (options: Partial<PostgresEventStoreOptions> = {}) => {
    const schema = options.schema ?? uniqueSchema();
    const store = createPostgresEventStore({ url, schema, ...options });
    await store.checkHealth();
    return {
      store,
      schema,
      cleanup: async () => {
        await store.close();
        await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      },
    };
  };

  describeEventStoreContract('postgres', () => postgresStore());
  describeSqlEventStoreChecks('postgres', () => postgresStore());

  describe('PostgreSQL store', () => {
    describe('global order under concurrent writers', () => {
      it('never shows a later commit while an earlier position is still uncommitted', async () => {
        const { store, schema, cleanup } = await postgresStore();
        const writerA = new Client({ connectionString: url });
        await writerA.connect();
        try {
          const [eventA, eventB] = [testEvent(), testEvent()];
          const streamA = uniqueStream('writer-a');
          // Writer A takes position 1 inside a transaction it keeps open.
          await writerA.query('BEGIN');
          const [taken] = (
            await writerA.query<{ first_position: string }>(
              `SELECT first_position FROM ${schema}.append_events($1, 'no_stream', $2::jsonb)`,
              [streamA, toAppendPayload(streamA, [eventA])],
            )
          ).rows;
          expect(taken?.first_position).toBe('1');

          // Writer B appends through the adapter meanwhile, and gets as far as it can.
          let bFinished = false;
          const appendB = store.append(uniqueStream('writer-b'), [eventB], 'no_stream').finally(() => {
            bFinished = true;
          });
          await waitForLockWaiter(url, schema);

          // A reader following the log sees nothing: not B without A.
          for (let poll = 0; poll < 20; poll += 1) {
            expect(await store.readAll()).toEqual([]);
          }
          expect(bFinished).toBe(false);

          await writerA.query('COMMIT');
          const resultB = await appendB;

          const log = await store.readAll();
          expect(log.map((event) => event.id)).toEqual([eventA.id, eventB.id]);
          expect(log.map((event) => event.globalPosition)).toEqual([1n, 2n]);
          expect(resultB.positions).toEqual([2n]);
        } finally {
          await writerA.end();
          await cleanup();
        }
      });

      it('lets a follower see only gap-free prefixes of the log while 8 writers append', async () => {
        const { store, cleanup } = await postgresStore();
        const follower = await postgresStore({ schema: store.schema });
        try {
          const delivered: RecordedEvent[] = [];
          const subscription = follower.store.subscribeToAll({}, (event) => {
            delivered.push(event);
          });
          const snapshots: bigint[][] = [];
          let writing = true;
          const polling = (async () => {
            while (writing) {
              snapshots.push((await follower.store.readAll()).map((event) => event.globalPosition));
            }
          })();

          await Promise.all(
            Array.from({ length: 8 }, async (_, writer) => {
              const stream = uniqueStream(`writer-${writer}`);
              let version = -1;
              for (let batch = 0; batch < 25; batch += 1) {
                version = (await store.append(stream, testEvents(1 + (batch % 3)), version))
                  .nextExpectedVersion;
              }
            }),
          );
          writing = false;
          await polling;
          const total = (await store.readAll()).length;
          await waitUntil('the subscription has caught up', () => delivered.length >= total);
          await subscription.stop();

          expect(snapshots.length).toBeGreaterThan(1);
          for (const snapshot of snapshots) {
            expect(snapshot).toEqual(snapshot.map((_, index) => BigInt(index + 1)));
          }
          expect(delivered.map((event) => event.globalPosition)).toEqual(
            Array.from({ length: total }, (_, index) => BigInt(index + 1)),
          );
        } finally {
          await follower.store.close();
          await cleanup();
        }
      });
    });

    describe('privileges', () => {
      it(`gives ${APPLICATION_ROLE} INSERT and SELECT on events and nothing that changes them`, async () => {
        const { store, schema, cleanup } = await postgresStore();
        try {
          const stream = uniqueStream('role');
          await store.append(stream, testEvents(1), 'no_stream');
          await withClient(url, async (client) => {
            await client.query(`SET ROLE ${APPLICATION_ROLE}`);
            for (const statement of [
              `UPDATE ${schema}.events SET type = 'Tampered'`,
              `DELETE FROM ${schema}.events`,
              `TRUNCATE ${schema}.events`,
            ]) {
              await expect(client.query(statement)).rejects.toMatchObject({ code: '42501' });
            }
            // What the role is for still works.
            const appended = await client.query(
              `SELECT first_position FROM ${schema}.append_events($1, '0', $2::jsonb)`,
              [stream, toAppendPayload(stream, testEvents(1))],
            );
            expect(appended.rows).toEqual([{ first_position: '2' }]);
            expect((await client.query(`SELECT id FROM ${schema}.events`)).rows).toHaveLength(2);
          });
          const publicPrivileges = await withClient(url, (client) =>
            client.query<{ allowed: boolean }>(
              `SELECT has_table_privilege('public', '${schema}.events', 'UPDATE, DELETE, TRUNCATE') AS allowed`,
            ),
          );
          expect(publicPrivileges.rows).toEqual([{ allowed: false }]);
        } finally {
          await cleanup();
        }
      });
    });

    it('returns the same 64-bit positions as PGlite, to the last digit', async () => {
      const postgres = await postgresStore();
      const pglite = await openPgliteEventStore();
      try {
        const fromPostgres = await positionsAboveTwoToThe62(postgres.store);
        const fromPglite = await positionsAboveTwoToThe62(pglite);

        expect(fromPostgres).toEqual(fromPglite);
        expect(fromPostgres.readAll.map(String)).toEqual([
          '4611686018427387905',
          '4611686018427387906',
          '4611686018427387907',
        ]);
      } finally {
        await pglite.close();
        await postgres.cleanup();
      }
    });

    describe('live subscriptions', () => {
      /** Appends three times to `writer` and waits (with a deadline) for each to reach `reader`. */
      async function expectEachAppendDelivered(
        writer: SqlEventStore,
        reader: SqlEventStore,
        deadlineMs: number,
      ) {
        const stream = uniqueStream('live');
        const delivered: string[] = [];
        const subscription = reader.subscribeToAll({}, (event) => {
          if (event.stream === stream) delivered.push(event.id);
        });
        try {
          for (let round = 0; round < 3; round += 1) {
            const [event] = testEvents(1);
            await writer.append(stream, [event!], round - 1);
            await waitUntil(`append ${round} is delivered`, () => delivered.includes(event!.id), deadlineMs);
          }
        } finally {
          await subscription.stop();
        }
      }

      it('wakes its own subscriptions as soon as it appends, without waiting for a poll', async () => {
        const { store, cleanup } = await postgresStore({ pollIntervalMs: 60_000 });
        try {
          await expectEachAppendDelivered(store, store, 5_000);
        } finally {
          await cleanup();
        }
      });

      it('finds what another process appends within its poll interval', async () => {
        const writer = await postgresStore();
        const reader = createPostgresEventStore({ url, schema: writer.schema, pollIntervalMs: 50 });
        try {
          await expectEachAppendDelivered(writer.store, reader, 5_000);
        } finally {
          await reader.close();
          await writer.cleanup();
        }
      });
    });

    it('sets up one schema from several stores at once, and keeps schemas apart', async () => {
      const schema = uniqueSchema();
      const stores = Array.from({ length: 4 }, () => createPostgresEventStore({ url, schema }));
      const other = await postgresStore();
      try {
        await Promise.all(stores.map((store) => store.checkHealth()));
        const stream = uniqueStream('shared');
        await stores[0]!.append(stream, testEvents(2), 'no_stream');

        expect(await stores[3]!.readStream(stream)).toHaveLength(2);
        expect(await other.store.readStream(stream)).toEqual([]);
        expect(await other.store.readAll()).toEqual([]);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await other.cleanup();
        await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    describe('a store created before hash chains (schema v1)', () => {
      /** The v1 tables, as that schema made them. */
      async function v1Schema(withEvent: boolean): Promise<string> {
        const schema = uniqueSchema();
        await withClient(url, (client) =>
          client.query(`
            CREATE SCHEMA ${schema};
            CREATE TABLE ${schema}.streams (stream text PRIMARY KEY, version integer NOT NULL);
            CREATE TABLE ${schema}.global_position_counter (
              singleton boolean PRIMARY KEY DEFAULT true, last_position bigint NOT NULL);
            INSERT INTO ${schema}.global_position_counter VALUES (true, ${withEvent ? 1 : 0});
            CREATE TABLE ${schema}.events (
              global_position bigint PRIMARY KEY, id uuid NOT NULL UNIQUE, stream text NOT NULL,
              stream_version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
              occurred_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
              UNIQUE (stream, stream_version));
            COMMENT ON TABLE ${schema}.events IS 'characteristic-towns event store, schema v1';
            ${
              withEvent
                ? `INSERT INTO ${schema}.streams VALUES ('s', 0);
                   INSERT INTO ${schema}.events (global_position, id, stream, stream_version, type, data, metadata, occurred_at)
                   VALUES (1, '${randomUUID()}', 's', 0, 'Old', '{}', '{}', now());`
                : ''
            }`),
        );
        return schema;
      }

      it('is upgraded in place while it holds no events', async () => {
        const schema = await v1Schema(false);
        const store = createPostgresEventStore({ url, schema });
        try {
          const stream = uniqueStream('upgraded');
          await store.append(stream, testEvents(2), 'no_stream');
          const [event] = await store.chained.readStream(stream);
          expect(event?.contentHash).toMatch(/^[0-9a-f]{64}$/);
        } finally {
          await store.close();
          await withClient(url, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
        }
      });

      it('is refused, with the reason, once it holds events, and left as it was', async () => {
        const schema = await v1Schema(true);
        const store = createPostgresEventStore({ url, schema });
        try {
          await expect(store.checkHealth()).rejects.toMatchObject({
            code: 'EVENT_STORE_FAILURE',
            message: expect.stringContaining('created before hash chains') as unknown,
          });
          const columns = await withClient(url, (client) =>
            client.query(
              `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events'`,
              [schema],
            ),
          );
          expect(columns.rows).toEqual([{ n: 9 }]);
        } finally {
          await store.close();
          await withClient(url, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
        }
      });
    });

    it('keeps every acknowledged append when the writer is killed with SIGKILL', async () => {
      const schema = uniqueSchema();
      const stream = uniqueStream('kill9');
      const writer = startFixture('append-until-killed.ts', [
        JSON.stringify({ kind: 'postgres', url, schema }),
        stream,
      ]);
      const acked = () => writer.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4));
      const store = createPostgresEventStore({ url, schema });
      try {
        await waitUntil('the writer has acknowledged 40 appends', () => acked().length >= 40, 60_000).catch(
          (error: unknown) => {
            throw new Error(`${String(error)}; writer stderr: ${writer.stderr()}`);
          },
        );
        await killHard(writer);
        const acknowledged = acked();

        const events = await store.readStream(stream);

        expect(events.slice(0, acknowledged.length).map((event) => event.id)).toEqual(acknowledged);
        expect(events.length - acknowledged.length).toBeLessThanOrEqual(1);
        events.forEach((event, index) => expect(event.data).toEqual(durabilityPayload(index)));
      } finally {
        await killHard(writer);
        await store.close();
        await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });
  });
} else {
  // Skipped only without a PostgreSQL server to run against (no DATABASE_URL): reported as skipped, not
  // passed. CI always sets DATABASE_URL (a superuser on a fresh database). Locally, for example:
  // DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/towns_test
  describe.skip('PostgreSQL store (needs DATABASE_URL)', () => {
    it('runs the contract and the SQL checks against PostgreSQL', () => undefined);
  });
}

/** Needs no server: a port nobody listens on. */
describe('PostgreSQL store without a server', () => {
  let store: ReturnType<typeof createPostgresEventStore>;

  beforeAll(async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    server.close();
    await once(server, 'close');
    store = createPostgresEventStore({ url: `postgres://postgres:postgres@127.0.0.1:${port}/none` });
  });
  afterAll(async () => {
    await store.close();
  });

  it('reports EventStoreUnavailableError from checkHealth and from every call, never a driver error', async () => {
    await expect(store.checkHealth()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.checkHealth()).rejects.toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    await expect(store.append(uniqueStream('down'), testEvents(1), 'any')).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    await expect(store.readStream(uniqueStream('down'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('ends a subscription with EventStoreUnavailableError', async () => {
    const subscription = store.subscribeToAll({}, () => undefined);
    await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await subscription.stop();
  });
});

/** Until another backend waits for a lock while running append_events in `schema`. */
async function waitForLockWaiter(url: string, schema: string): Promise<void> {
  await withClient(url, async (observer) => {
    let waiting = false;
    const deadline = Date.now() + 10_000;
    while (!waiting) {
      if (Date.now() > deadline) throw new Error('writer B never reached a lock wait');
      const { rows } = await observer.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${schema}.append_events%`],
      );
      waiting = (rows[0]?.waiting ?? 0) > 0;
    }
  });
}

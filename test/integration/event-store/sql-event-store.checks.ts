import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import {
  EventDataRefusedError,
  EventIdConflictError,
  WrongExpectedVersionError,
} from '../../../infra/event-store/event-store.errors';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { testEvent, testEvents, uniqueStream } from './test-events';

export interface SqlStoreUnderTest {
  readonly store: SqlEventStore;
  cleanup(): Promise<void>;
}

/** One-off SQL through the store's own connection. */
export function sql<Row = unknown>(
  store: SqlEventStore,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  return store.client.query<Row>({ text }, values);
}

export const TWO_TO_THE_62 = 2n ** 62n;

/**
 * Appends three events to an empty store whose counter was moved to 2^62, then reads them back both
 * ways. Used on each driver, and to compare the two drivers' answers.
 */
export async function positionsAboveTwoToThe62(store: SqlEventStore) {
  await sql(store, `UPDATE ${store.schema}.global_position_counter SET last_position = $1::bigint`, [
    TWO_TO_THE_62.toString(),
  ]);
  const stream = uniqueStream('int8');
  const appended = await store.append(stream, testEvents(3), 'no_stream');
  const readAll = (await store.readAll({ after: TWO_TO_THE_62 })).map((event) => event.globalPosition);
  const readStream = (await store.readStream(stream)).map((event) => event.globalPosition);
  return { appended: appended.positions, readAll, readStream };
}

/**
 * What only the SQL adapters promise (and what their shared schema enforces), run against both PGlite
 * and PostgreSQL: gap-free positions, immutability inside the database, 64-bit positions, edge cases
 * of the append function.
 */
export function describeSqlEventStoreChecks(name: string, factory: () => Promise<SqlStoreUnderTest>): void {
  describe(`SQL event store: ${name}`, () => {
    let subject: SqlStoreUnderTest;
    let store: SqlEventStore;

    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.cleanup();
    });

    it('numbers the whole log 1, 2, 3, … without gaps, also under concurrent appends and refusals', async () => {
      const appends = Array.from({ length: 16 }, (_, index) =>
        store.append(uniqueStream(`gapless-${index % 4}`), testEvents(1 + (index % 3)), 'any'),
      );
      // A refused append must not burn positions either.
      const refused = store.append(uniqueStream('gapless-refused'), testEvents(2), 5).then(
        () => undefined,
        (error: unknown) => error,
      );
      await Promise.all(appends);
      expect(await refused).toBeInstanceOf(WrongExpectedVersionError);

      const positions = (await store.readAll()).map((event) => event.globalPosition);

      expect(positions).toEqual(positions.map((_, index) => BigInt(index + 1)));
    });

    describe('immutability', () => {
      const table = () => `${store.schema}.events`;

      it.each([
        ['UPDATE', (t: string) => `UPDATE ${t} SET type = 'Tampered' WHERE stream = $1`],
        ['DELETE', (t: string) => `DELETE FROM ${t} WHERE stream = $1`],
      ])(
        'refuses %s through the store connection and leaves the rows as they were',
        async (_op, statement) => {
          const stream = uniqueStream('immutable');
          await store.append(stream, testEvents(2), 'no_stream');
          const before = await store.readStream(stream);

          await expect(sql(store, statement(table()), [stream])).rejects.toMatchObject({ code: 'EV003' });

          expect(await store.readStream(stream)).toEqual(before);
        },
      );

      it('refuses TRUNCATE', async () => {
        const stream = uniqueStream('truncate');
        await store.append(stream, testEvents(1), 'no_stream');

        await expect(store.client.runScript(`TRUNCATE ${table()}`)).rejects.toMatchObject({ code: 'EV003' });

        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('still refuses with session_replication_role = replica, the usual way around triggers', async () => {
        const stream = uniqueStream('replica');
        await store.append(stream, testEvents(1), 'no_stream');

        await expect(
          store.client.runScript(
            `SET LOCAL session_replication_role = replica; DELETE FROM ${table()} WHERE stream = '${stream}'`,
          ),
        ).rejects.toMatchObject({ code: 'EV003' });

        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('append edge cases', () => {
      it('gives back the positions and versions a retried append reserved', async () => {
        const stream = uniqueStream('give-back');
        const events = testEvents(2);
        const original = await store.append(stream, events, 'any');
        await store.append(stream, events, 'any');
        await store.append(stream, events, 0);

        const next = await store.append(stream, testEvents(1), 'any');

        expect(next.positions).toEqual([original.positions[1]! + 1n]);
        expect(next.nextExpectedVersion).toBe(2);
      });

      it('names the stored id in a conflict even when a new id comes first', async () => {
        const stream = uniqueStream('conflict-order');
        const [stored] = testEvents(1);
        await store.append(stream, [stored!], 'no_stream');

        const attempt = store.append(stream, [testEvent(), stored!], 0);

        await expect(attempt).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: stored!.id });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an append carrying the same id twice, and writes nothing', async () => {
        const stream = uniqueStream('twice');
        const event = testEvent();

        const attempt = store.append(stream, [event, event], 'no_stream');

        await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(attempt).rejects.toMatchObject({ eventId: event.id });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('treats an empty append as a version check that writes nothing', async () => {
        const stream = uniqueStream('empty');
        expect(await store.append(stream, [], 'no_stream')).toEqual({
          nextExpectedVersion: -1,
          positions: [],
          alreadyStored: false,
        });
        await store.append(stream, testEvents(2), 'no_stream');
        expect(await store.append(stream, [], 1)).toEqual({
          nextExpectedVersion: 1,
          positions: [],
          alreadyStored: false,
        });
        await expect(store.append(stream, [], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('appends to many streams concurrently with "any" and keeps each stream contiguous', async () => {
        const stream = uniqueStream('contiguous');
        await Promise.all(Array.from({ length: 12 }, () => store.append(stream, testEvents(2), 'any')));

        const versions = (await store.readStream(stream)).map((event) => event.streamVersion);

        expect(versions).toEqual(Array.from({ length: 24 }, (_, index) => index));
      });
    });

    describe('hash chains (decision 0020)', () => {
      interface HashedRow {
        readonly global_position: bigint;
        readonly id: string;
        readonly stream: string;
        readonly stream_version: number;
        readonly type: string;
        readonly data: unknown;
        readonly metadata: unknown;
        readonly occurred_at: Date;
        readonly content_hash: string;
        readonly chain_hash: string;
        readonly log_hash: string;
      }
      const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
      const ZEROS = '0'.repeat(64);

      async function rowsOf(stream: string): Promise<HashedRow[]> {
        return sql<HashedRow>(
          store,
          `SELECT global_position, id, stream, stream_version, type, data, metadata, occurred_at,
                  content_hash, chain_hash, log_hash
             FROM ${store.schema}.events WHERE stream = $1 ORDER BY stream_version`,
          [stream],
        );
      }

      /** Recomputes every hash of a stream from its columns, with nothing of ours but the rules. */
      async function expectHashesOf(stream: string): Promise<void> {
        const rows = await rowsOf(stream);
        let previousChain = ZEROS;
        for (const row of rows) {
          const content = sha256(
            canonicalize({
              id: row.id,
              stream: row.stream,
              streamVersion: row.stream_version,
              type: row.type,
              data: row.data,
              metadata: row.metadata,
              occurredAt: row.occurred_at.toISOString(),
            })!,
          );
          expect(row.content_hash).toBe(content);
          expect(row.chain_hash).toBe(sha256(previousChain + content));
          previousChain = row.chain_hash;
          const [before] = await sql<{ log_hash: string }>(
            store,
            `SELECT log_hash FROM ${store.schema}.events WHERE global_position = $1::bigint - 1`,
            [row.global_position.toString()],
          );
          expect(row.log_hash).toBe(
            sha256(`${before?.log_hash ?? ZEROS}${row.global_position}${row.chain_hash}`),
          );
        }
      }

      it('stores the content, stream and log hashes of every event as the rules define them', async () => {
        const stream = uniqueStream('hashes');
        await store.append(stream, testEvents(3), 'no_stream');
        await store.append(
          stream,
          [testEvent({ data: { 名称: '麻山镇', n: 1e21, list: [null, -0.5] } })],
          'any',
        );
        await store.append(stream, testEvents(2, { occurredAt: '2024-04-01T08:00:00.123+08:00' }), 3);

        await expectHashesOf(stream);
        const [counter] = await sql<{ log_hash: string; last_position: bigint }>(
          store,
          `SELECT log_hash, last_position FROM ${store.schema}.global_position_counter`,
        );
        const [last] = await sql<{ log_hash: string }>(
          store,
          `SELECT log_hash FROM ${store.schema}.events WHERE global_position = $1`,
          [counter!.last_position.toString()],
        );
        expect(counter!.log_hash).toBe(last!.log_hash);
      });

      it('keeps one stream chained through concurrent appends with "any"', async () => {
        const stream = uniqueStream('chained-any');
        await Promise.all(Array.from({ length: 8 }, () => store.append(stream, testEvents(2), 'any')));

        expect((await rowsOf(stream)).map((row) => row.stream_version)).toEqual(
          Array.from({ length: 16 }, (_, index) => index),
        );
        await expectHashesOf(stream);
      });

      it('leaves both chains as they were when an append is retried or refused', async () => {
        const stream = uniqueStream('chain-retry');
        const events = testEvents(2);
        await store.append(stream, events, 'no_stream');
        await store.append(stream, events, 'any');
        await expect(store.append(stream, testEvents(1), 0)).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        await expect(store.append(stream, [events[0]!, testEvent()], 1)).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        await store.append(stream, testEvents(1), 1);

        await expectHashesOf(stream);
      });

      it('gives the hashes through its chained reader, and none through the port', async () => {
        const stream = uniqueStream('chained-read');
        const { positions } = await store.append(stream, testEvents(2), 'no_stream');
        const rows = await rowsOf(stream);

        const chained = await store.chained.readAll({ after: positions[0]! - 1n, maxCount: 2 });
        const plain = await store.readStream(stream);

        expect(chained.map((event) => [event.contentHash, event.chainHash, event.logHash])).toEqual(
          rows.map((row) => [row.content_hash, row.chain_hash, row.log_hash]),
        );
        expect(await store.chained.readStream(stream)).toEqual(chained);
        expect(chained.map(({ contentHash: _c, chainHash: _h, logHash: _l, ...event }) => event)).toEqual(
          plain,
        );
        expect(store.chained.gapFreePositions).toBe(true);
        expect(await store.chained.lastPosition()).toBeGreaterThanOrEqual(positions[1]!);
      });
    });

    it.each([
      ['a NUL character', 'a\u0000b'],
      ['a lone surrogate', '\ud800'],
    ])('refuses text with %s as data at once, writing nothing', async (_label, text) => {
      const before = await store.readAll();
      const stream = uniqueStream('bad-text');
      const refused = store.append(stream, [testEvent({ data: { name: text } })], 'no_stream');
      await expect(refused).rejects.toBeInstanceOf(EventDataRefusedError);
      await expect(refused).rejects.toMatchObject({ code: 'EVENT_DATA_REFUSED' });
      expect(await store.readAll()).toHaveLength(before.length);
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('keeps global positions above 2^53 exact, as bigint', async () => {
      const fresh = await factory();
      try {
        const { appended, readAll, readStream } = await positionsAboveTwoToThe62(fresh.store);
        const expected = [1n, 2n, 3n].map((offset) => TWO_TO_THE_62 + offset);

        expect(appended).toEqual(expected);
        expect(readAll).toEqual(expected);
        expect(readStream).toEqual(expected);
        readAll.forEach((position) => expect(typeof position).toBe('bigint'));
        // A double cannot hold 2^62 + 1: had the driver returned a number, this is what it would be.
        expect(BigInt(Number(expected[0]))).not.toBe(expected[0]);
      } finally {
        await fresh.cleanup();
      }
    });
  });
}

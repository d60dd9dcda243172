import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { EventStoreLockedError } from '../../../infra/event-store/event-store.errors';
import { LOCK_FILE_NAME } from '../../../infra/event-store/pglite/directory-lock';
import type * as PgliteModule from '@electric-sql/pglite';
import { openPgliteEventStore, PGLITE_SCHEMA } from '../../../infra/event-store/pglite/pglite-event-store';
import { killHard, startFixture } from './child-process';
import { describeEventStoreContract } from './event-store.contract';
import { durabilityPayload } from './fixtures/append-until-killed';
import { expectUpgradedFromV1, storeOfSchemaV1 } from './schema-upgrade.checks';
import { describeSqlEventStoreChecks } from './sql-event-store.checks';
import { testEvents, uniqueStream, waitUntil } from './test-events';

// Child processes (ts-node start-up) and PGlite start-ups (about 1-2 s each) need more than the default.
jest.setTimeout(60_000);

async function inMemoryStore() {
  const store = await openPgliteEventStore();
  return { store, cleanup: () => store.close() };
}

describeEventStoreContract('pglite', inMemoryStore);
describeSqlEventStoreChecks('pglite', inMemoryStore);

describe('PGlite store on a directory', () => {
  const directories: string[] = [];
  function freshDirectory(): string {
    const directory = mkdtempSync(join(tmpdir(), 'event-store-'));
    directories.push(directory);
    return directory;
  }
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('keeps the events across close and reopen, and frees the directory on close', async () => {
    const dataDir = freshDirectory();
    const stream = uniqueStream('persist');
    const first = await openPgliteEventStore({ dataDir });
    const appended = await first.append(stream, testEvents(3), 'no_stream');
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

    const second = await openPgliteEventStore({ dataDir });
    try {
      const read = await second.readStream(stream);
      expect(read.map((event) => event.globalPosition)).toEqual(appended.positions);
      expect((await second.append(stream, testEvents(1), 2)).positions).toEqual([4n]);
    } finally {
      await second.close();
    }
  });

  describe('directory lock', () => {
    let dataDir: string;
    let holder: Awaited<ReturnType<typeof openPgliteEventStore>>;
    const stream = uniqueStream('locked');

    beforeAll(async () => {
      dataDir = freshDirectory();
      holder = await openPgliteEventStore({ dataDir });
      await holder.append(stream, testEvents(2), 'no_stream');
    });
    afterAll(async () => {
      await holder.close();
    });

    it('refuses a second open in the same process, naming the directory and the holder', async () => {
      const attempt = openPgliteEventStore({ dataDir });
      await expect(attempt).rejects.toBeInstanceOf(EventStoreLockedError);
      await expect(attempt).rejects.toMatchObject({
        code: 'EVENT_STORE_LOCKED',
        directory: dataDir,
        holderPid: process.pid,
      });
    });

    it('refuses another process, which leaves the store untouched', async () => {
      const other = startFixture('open-pglite-store.ts', [dataDir]);
      await other.exited;

      expect(other.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
        expect.objectContaining({
          opened: false,
          code: 'EVENT_STORE_LOCKED',
          holderPid: process.pid,
          message: expect.stringContaining(dataDir) as unknown,
        }),
      ]);
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
        pid: process.pid,
      });
      // The holder goes on working on an intact database.
      expect(await holder.readStream(stream)).toHaveLength(2);
      expect((await holder.append(stream, testEvents(1), 1)).nextExpectedVersion).toBe(2);
      await expect(holder.checkHealth()).resolves.toBeUndefined();
    });
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dataDir = freshDirectory();
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: deadPid, host: hostname(), nonce: 'stale' }),
    );

    const store = await openPgliteEventStore({ dataDir });
    try {
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
        pid: process.pid,
      });
    } finally {
      await store.close();
    }
  });

  it('keeps every acknowledged append when the writer is killed with SIGKILL, and recovers the lock', async () => {
    const dataDir = freshDirectory();
    const stream = uniqueStream('kill9');
    const writer = startFixture('append-until-killed.ts', [
      JSON.stringify({ kind: 'pglite', dataDir }),
      stream,
    ]);
    const acked = () => writer.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4));

    await waitUntil('the writer has acknowledged 40 appends', () => acked().length >= 40, 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}; writer stderr: ${writer.stderr()}`);
      },
    );
    await killHard(writer);
    const acknowledged = acked();
    // The dead writer's lock is still there: the reopen below must take it over.
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);

    const reopened = await openPgliteEventStore({ dataDir });
    try {
      const events = await reopened.readStream(stream);
      // Acknowledged appends are a prefix of what is stored; one more may have committed unacknowledged.
      expect(events.slice(0, acknowledged.length).map((event) => event.id)).toEqual(acknowledged);
      expect(events.length - acknowledged.length).toBeLessThanOrEqual(1);
      events.forEach((event, index) => {
        expect(event.streamVersion).toBe(index);
        expect(event.data).toEqual(durabilityPayload(index));
      });
      await expect(reopened.append(stream, testEvents(1), events.length - 1)).resolves.toMatchObject({
        nextExpectedVersion: events.length,
      });
    } finally {
      await reopened.close();
    }
  });
});

describe('PGlite store of the first schema (v1), with events', () => {
  it('is upgraded at open, its events chained, the upgrade recorded, and it verifies', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pglite-v1-'));
    try {
      // A database made by the first schema's own script, as an embedded store of that time was.
      const nodeModule = process.getBuiltinModule('module');
      const { PGlite } = nodeModule.createRequire(__filename)('@electric-sql/pglite') as typeof PgliteModule;
      const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
      const made = await storeOfSchemaV1(
        {
          exec: async (script) => void (await db.exec(script)),
          query: (text, values) => db.query(text, values),
        },
        PGLITE_SCHEMA,
      );
      await db.close();

      const store = await openPgliteEventStore({ dataDir });
      try {
        await expectUpgradedFromV1(store, made.streams);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

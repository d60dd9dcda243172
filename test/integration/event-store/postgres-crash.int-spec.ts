import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../../domain/shared/event-envelope';
import { EventStoreUnavailableError } from '../../../infra/event-store/event-store.errors';
import type { ExpectedVersion } from '../../../infra/event-store/event-store.port';
import { createPostgresEventStore } from '../../../infra/event-store/postgres/postgres-event-store';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { newestPostgresBin, ScratchCluster } from './pg-cluster';
import { testEvent, uniqueStream, waitUntil } from './test-events';

const WRITERS = 8;
const APPENDS_PER_WRITER = 120;

/** Where the server is, as the writers see it; they park on `restarted` after a failure while it is down. */
interface Outage {
  down: boolean;
  restarted: Promise<void>;
  stoppedAt?: number;
  startedAt?: number;
  firstAckAfterRestartAt?: number;
}

interface Tally {
  requests: number;
  acknowledged: string[];
  /** Retries answered as already stored: the first attempt had committed, its answer was lost. */
  alreadyStored: number;
  failures: { error: unknown; whileDown: boolean }[];
  parked: number;
  finished: number;
}

/**
 * PostgreSQL stopped with `-m immediate` (every server process ended, no checkpoint: a crash as far as the
 * data is concerned) while eight writers append with expected versions, then started again. Every
 * acknowledged append must be in the log once, the global positions must run without a gap (the counter
 * is a row updated in the appending transaction, so a crash rolls it back with the append), the store's
 * errors meanwhile must be the unavailable class the API answers with 503 and Retry-After, and the same
 * store object must go on once the server is back.
 */
const bin = newestPostgresBin();
if (bin !== undefined) {
  describe('PostgreSQL store: the server crashes during concurrent appends', () => {
    let cluster: ScratchCluster;
    let store: SqlEventStore;

    beforeAll(async () => {
      cluster = await ScratchCluster.create(bin);
      await cluster.start();
      store = createPostgresEventStore({ url: cluster.url, schema: 'crash_test' });
      await store.checkHealth();
    });

    afterAll(async () => {
      await store.close();
      await cluster.destroy();
    });

    it('keeps every acknowledged append exactly once, without a gap, and recovers in place', async () => {
      let restart: () => void = () => undefined;
      const outage: Outage = { down: false, restarted: new Promise((resolve) => (restart = resolve)) };
      const tally: Tally = {
        requests: 0,
        acknowledged: [],
        alreadyStored: 0,
        failures: [],
        parked: 0,
        finished: 0,
      };
      const streams = Array.from({ length: WRITERS }, (_, writer) => uniqueStream(`crash-${writer}`));
      const writing = Promise.all(
        streams.map((stream, writer) => write(store, stream, writer, outage, tally)),
      );

      // Mid-way: a third of the appends acknowledged.
      await waitUntil('a third of the appends are acknowledged', () => {
        return tally.acknowledged.length >= (WRITERS * APPENDS_PER_WRITER) / 3;
      });
      outage.down = true;
      outage.stoppedAt = Date.now();
      await cluster.stop('immediate');
      const acknowledgedAtCrash = tally.acknowledged.length;

      // Every writer has seen the crash; then appends and reads sent while the server is down.
      await waitUntil('every writer has failed and waits', () => tally.parked + tally.finished === WRITERS);
      const duringOutage = await Promise.allSettled([
        store.append(uniqueStream('while-down'), [testEvent()], 'no_stream'),
        store.append(streams[0] ?? '', [testEvent()], 'any'),
        store.readAll(),
        store.checkHealth(),
      ]);
      tally.requests += 2;

      await cluster.start();
      outage.startedAt = Date.now();
      outage.down = false;
      restart();
      await writing;

      const log = await store.readAll();
      const ids = log.map((event) => event.id);
      const idCounts = new Map<string, number>();
      for (const id of ids) idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
      const logged = new Set(ids);
      const lost = tally.acknowledged.filter((id) => !logged.has(id));
      const duplicated = [...idCounts.values()].filter((count) => count > 1).length;
      const { stoppedAt, startedAt, firstAckAfterRestartAt } = outage;
      const causes = new Set(tally.failures.map(({ error }) => causeOf(error)));

      console.log(
        [
          'PostgreSQL crash (pg_ctl stop -m immediate) during concurrent appends:',
          `  writers ${WRITERS} × ${APPENDS_PER_WRITER} appends, crash after ${acknowledgedAtCrash} acknowledged`,
          `  requests ${tally.requests}, acknowledged ${tally.acknowledged.length}, in log ${log.length}`,
          `  lost ${lost.length}, duplicated ${duplicated}, acknowledged on retry as already stored ${tally.alreadyStored}`,
          `  failed ${tally.failures.length} (all while down: ${tally.failures.every((f) => f.whileDown)}); causes: ${[...causes].join(' | ')}`,
          `  outage ${(firstAckAfterRestartAt ?? NaN) - (stoppedAt ?? NaN)} ms (stop to first acknowledged append),` +
            ` recovery ${(firstAckAfterRestartAt ?? NaN) - (startedAt ?? NaN)} ms (server accepting to first acknowledged append)`,
        ].join('\n'),
      );

      expect(tally.acknowledged).toHaveLength(WRITERS * APPENDS_PER_WRITER);
      expect(lost).toEqual([]);
      expect(duplicated).toBe(0);
      expect(log).toHaveLength(WRITERS * APPENDS_PER_WRITER);
      // No gap: positions 1..n in order.
      expect(log.map((event) => event.globalPosition)).toEqual(log.map((_, index) => BigInt(index + 1)));
      // Each stream holds its writer's appends in order, each once.
      for (const [writer, stream] of streams.entries()) {
        const sequence = log.filter((event) => event.stream === stream).map((event) => event.data);
        expect(sequence).toEqual(Array.from({ length: APPENDS_PER_WRITER }, (_, seq) => ({ writer, seq })));
      }

      // The failures the crash caused, and the requests sent while the server was down, are all the
      // unavailable class; none came after the restart.
      expect(tally.failures.length).toBeGreaterThanOrEqual(WRITERS);
      for (const failure of tally.failures) {
        expect(failure.error).toBeInstanceOf(EventStoreUnavailableError);
        expect(failure.whileDown).toBe(true);
      }
      for (const settled of duringOutage) {
        expect(settled.status).toBe('rejected');
        if (settled.status === 'rejected') expect(settled.reason).toBeInstanceOf(EventStoreUnavailableError);
      }

      // The same store object, after the restart.
      await expect(store.checkHealth()).resolves.toBeUndefined();
      const after = await store.append(uniqueStream('after'), [testEvent()], 'no_stream');
      expect(after.positions).toEqual([BigInt(WRITERS * APPENDS_PER_WRITER + 1)]);
    });
  });
} else {
  // Skipped only where Debian's PostgreSQL binaries are missing (the test runs a cluster of its own):
  // reported as skipped, not passed. CI installs them.
  describe.skip('PostgreSQL store: the server crashes during concurrent appends (needs PostgreSQL binaries in /usr/lib/postgresql)', () => {
    it('keeps every acknowledged append exactly once', () => undefined);
  });
}

/**
 * One writer: appends its events one at a time with the expected version, retrying a failed append with
 * the same event (same id, same expected version) until it is acknowledged, so an append that committed
 * just before the crash is answered as already stored rather than written twice.
 */
async function write(
  store: SqlEventStore,
  stream: string,
  writer: number,
  outage: Outage,
  tally: Tally,
): Promise<void> {
  let expected: ExpectedVersion = 'no_stream';
  for (let seq = 0; seq < APPENDS_PER_WRITER; seq += 1) {
    const event: NewEvent = testEvent({ id: randomUUID(), data: { writer, seq } });
    for (;;) {
      tally.requests += 1;
      try {
        const result = await store.append(stream, [event], expected);
        expected = result.nextExpectedVersion;
        tally.acknowledged.push(event.id);
        if (result.alreadyStored) tally.alreadyStored += 1;
        if (outage.startedAt !== undefined) outage.firstAckAfterRestartAt ??= Date.now();
        break;
      } catch (error) {
        tally.failures.push({ error, whileDown: outage.down });
        // Anything else (a refusal, a failure while the server is up) ends the writer: the assertions
        // below then name it, where retrying it would only spin.
        if (!(error instanceof EventStoreUnavailableError) || !outage.down) {
          tally.finished += 1;
          return;
        }
        tally.parked += 1;
        await outage.restarted;
        tally.parked -= 1;
      }
    }
  }
  tally.finished += 1;
}

/** The driver's message under the store's error, to show what the crash looked like from the client. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? cause.message : String(error);
}

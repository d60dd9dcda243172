/**
 * What the checkpoint ledger tests share: a worker of their own on the run's dev server (the ledger is
 * one of the workflows it registers), an embedded store holding a programme's log, a key, and the two
 * sinks — the JSON-lines file and the ledger of a programme no other test uses.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointLedgerAddress, pinOf } from '../../../apps/checkpointer/checkpoint-sinks';
import type { SigningKey } from '../../../infra/audit/keys';
import { teeCheckpointSinks } from '../../../infra/audit/checkpoint-sink';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { TemporalCheckpointSink } from '../../../infra/audit/temporal-checkpoint-sink';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { testEvents } from '../event-store/test-events';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { aroundTheTrigger } from './owner-edits';
import { appendProgrammeLog } from './programme-log';

export interface LedgerWorld {
  readonly system: DevServerWorker;
  readonly store: SqlEventStore;
  readonly directory: string;
  /** Opens the sinks of a programme of its own: the file in a fresh directory and its ledger. */
  /** The sinks of a new ledger; `pinned`: the keys it accepts (none given: it checks no signature). */
  sinksFor(programmeId?: string, pinned?: readonly SigningKey[]): LedgerSinks;
  close(): Promise<void>;
}

export interface LedgerSinks {
  readonly programmeId: string;
  readonly ledgerWorkflowId: string;
  readonly file: JsonLinesCheckpointSink;
  readonly ledger: TemporalCheckpointSink;
  readonly tee: ReturnType<typeof teeCheckpointSinks>;
}

export async function openLedgerWorld(prefix: string): Promise<LedgerWorld> {
  const system = await startDevServerWorker(prefix);
  const store = await openPgliteEventStore();
  await appendProgrammeLog(store);
  const directory = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    system,
    store,
    directory,
    sinksFor: (programmeId = randomUUID(), pinned) => {
      const address = checkpointLedgerAddress(
        programmeId,
        system.taskQueue,
        pinned?.map((key) => pinOf(key.keyId, key.publicKey)),
      );
      const file = new JsonLinesCheckpointSink(mkdtempSync(join(directory, 'checkpoints-')));
      const ledger = new TemporalCheckpointSink({ client: system.client, ledger: address });
      return {
        programmeId,
        ledgerWorkflowId: address.workflowId,
        file,
        ledger,
        tee: teeCheckpointSinks(file, ledger),
      };
    },
    close: async () => {
      await store.close();
      await system.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** More events in the log, in a stream of their own. */
export async function appendMore(store: SqlEventStore, count: number): Promise<void> {
  await store.append(`ledger-test-${randomUUID()}`, testEvents(count), 'no_stream');
}

/** The last `count` events of the log deleted by the database's owner, around the immutability trigger. */
export async function deleteLastEvents(store: SqlEventStore, count: number): Promise<void> {
  const last = await store.chained.lastPosition();
  if (last === undefined) throw new Error('the log is empty');
  await store.client.runScript(
    aroundTheTrigger(
      store.schema,
      `DELETE FROM ${store.schema}.events WHERE global_position > ${last - BigInt(count)}`,
    ),
  );
}

/**
 * A clock the test moves: `now` stands still until `advance()`, which moves it by the interval the
 * schedule is sleeping for and ends that sleep. Nothing waits for real time.
 */
export function drivenClock(start: string) {
  let now = new Date(start).getTime();
  const sleeping: { readonly ms: number; readonly wake: () => void }[] = [];
  return {
    now: () => new Date(now),
    sleep: (ms: number, signal: AbortSignal): Promise<void> =>
      new Promise((wake) => {
        sleeping.push({ ms, wake });
        signal.addEventListener('abort', () => wake(), { once: true });
      }),
    advance: (): void => {
      const next = sleeping.shift();
      if (next === undefined) throw new Error('nothing is waiting on the clock');
      now += next.ms;
      next.wake();
    },
  };
}

/** Results reported one after another, awaited in order. */
export function reported<T>() {
  const results: T[] = [];
  const waiting: ((result: T) => void)[] = [];
  let taken = 0;
  return {
    report: (result: T): void => {
      results.push(result);
      waiting.shift()?.(result);
    },
    /** The next result not yet taken (already reported, or the next to be). */
    next: (): Promise<T> => {
      const index = taken++;
      const ready = results[index];
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

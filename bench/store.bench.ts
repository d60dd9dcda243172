/**
 * Event store benchmark (`npm run bench:store`): each SQL adapter against plain SQL on the same database
 * in the same run. PGlite always (a temporary directory); PostgreSQL when DATABASE_URL is set. Targets:
 * appends ≥ 0.8 × raw, full-log reads ≥ 0.5 × raw. Results and the machine go in docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../domain/shared/event-envelope';
import { openPgliteEventStore } from '../infra/event-store/pglite/pglite-event-store';
import { createPostgresEventStore } from '../infra/event-store/postgres/postgres-event-store';
import type { SqlEventStore } from '../infra/event-store/sql/sql-event-store';
import { reportFigures } from './figures';
import { type Comparison, comparisonTable, measurePair } from './measure';
import { RawEventTable } from './raw-event-table';

const APPEND_TARGET = 0.8;
const READ_TARGET = 0.5;

interface Workload {
  readonly singles: number;
  readonly batches: number;
  readonly writers: number;
  readonly batchesPerWriter: number;
  readonly reads: number;
}

function benchEvent(): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: 'TownRatingRecorded',
    data: {
      town: '萍乡市麻山镇',
      rating: { score: 87.5, grade: '良好', passed: true },
      tags: ['文旅', 'industry'],
    },
    metadata: {
      actor: { userId: 'bench', seat: 'county-official', county: '湘东区' },
      causationId: id,
      correlationId: id,
      policy: { id: 'pingxiang-2017', version: 'sha256:0f3c' },
    },
    occurredAt: new Date().toISOString(),
  };
}

const batchOf = (size: number) => Array.from({ length: size }, benchEvent);

/** A writer to one stream of its own, through the store or raw, tracking the stream's version. */
function streamWriter(store: SqlEventStore, raw: RawEventTable, kind: 'ours' | 'raw') {
  const stream = `bench-${randomUUID()}`;
  let version = -1;
  return async (events: NewEvent[]) => {
    if (kind === 'ours') {
      version = (await store.append(stream, events, version)).nextExpectedVersion;
    } else {
      await raw.insert(stream, version + 1, events);
      version += events.length;
    }
  };
}

async function compare(
  label: string,
  store: SqlEventStore,
  raw: RawEventTable,
  workload: Workload,
): Promise<Comparison[]> {
  const results: Comparison[] = [];
  const both = async (
    operation: string,
    target: number,
    run: (kind: 'ours' | 'raw') => () => Promise<void>,
    work: { ops: number; events: number },
  ) => {
    const { ours, raw: rawRate } = await measurePair(run('ours'), run('raw'), work);
    results.push({ store: label, operation, ours, raw: rawRate, target });
    process.stderr.write(`  ${label}: ${operation} done\n`);
  };

  await both(
    'append, 1 event per transaction',
    APPEND_TARGET,
    (kind) => async () => {
      const write = streamWriter(store, raw, kind);
      for (let i = 0; i < workload.singles; i += 1) await write(batchOf(1));
    },
    { ops: workload.singles, events: workload.singles },
  );
  await both(
    'append, 10 events per transaction',
    APPEND_TARGET,
    (kind) => async () => {
      const write = streamWriter(store, raw, kind);
      for (let i = 0; i < workload.batches; i += 1) await write(batchOf(10));
    },
    { ops: workload.batches, events: workload.batches * 10 },
  );
  const concurrent = workload.writers * workload.batchesPerWriter;
  await both(
    `append, ${workload.writers} concurrent writers × 10 events per transaction`,
    APPEND_TARGET,
    (kind) => async () => {
      await Promise.all(
        Array.from({ length: workload.writers }, async () => {
          const write = streamWriter(store, raw, kind);
          for (let i = 0; i < workload.batchesPerWriter; i += 1) await write(batchOf(10));
        }),
      );
    },
    { ops: concurrent, events: concurrent * 10 },
  );
  // Both logs now hold the same number of events (every round above ran as often on each side).
  const logSize = (await store.readAll()).length;
  await both(
    `read the whole log (${logSize.toLocaleString('en-US')} events)`,
    READ_TARGET,
    (kind) => async () => {
      for (let i = 0; i < workload.reads; i += 1) {
        if (kind === 'ours') await store.readAll();
        else await raw.readAll();
      }
    },
    { ops: workload.reads, events: workload.reads * logSize },
  );
  return results;
}

async function benchPglite(): Promise<Comparison[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  const store = await openPgliteEventStore({ dataDir });
  try {
    const raw = await RawEventTable.create(store.client, 'bench_raw');
    return await compare('PGlite (directory)', store, raw, {
      singles: 500,
      batches: 200,
      writers: 8,
      batchesPerWriter: 25,
      reads: 2,
    });
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(url: string): Promise<Comparison[]> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = createPostgresEventStore({ url, schema, maxConnections: 10 });
  try {
    await store.checkHealth();
    const raw = await RawEventTable.create(store.client, `${schema}_raw`);
    return await compare('PostgreSQL', store, raw, {
      singles: 1000,
      batches: 500,
      writers: 8,
      batchesPerWriter: 100,
      reads: 2,
    });
  } finally {
    // The events table refuses DELETE and TRUNCATE, but its owner can drop the schema.
    await store.client.runScript(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${schema}_raw CASCADE`);
    await store.close();
  }
}

async function main(): Promise<void> {
  const rows = await benchPglite();
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') rows.push(...(await benchPostgres(url)));
  else process.stderr.write('DATABASE_URL is not set: PostgreSQL skipped\n');
  process.stdout.write(`${comparisonTable(rows)}\n`);
  // PostgreSQL's appends, ours ÷ raw INSERTs (issue 13's figures).
  const postgres = (operation: string) => {
    const row = rows.find((each) => each.store === 'PostgreSQL' && each.operation.startsWith(operation));
    return row ? row.ours.eventsPerSecond / row.raw.eventsPerSecond : Number.NaN;
  };
  reportFigures({
    appendOneOverRaw: postgres('append, 1 event per transaction'),
    appendTenOverRaw: postgres('append, 10 events per transaction'),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Audit benchmark (`npm run bench:audit`): verifying the whole log (every content hash, stream link, log
 * hash and a checkpoint's signature) against a raw paged read of the same rows, on the same database in
 * the same run. PGlite always (a temporary directory); PostgreSQL when DATABASE_URL is set. Target:
 * verification ≥ 0.5 × the raw read. Then replaying 1,000 workflow histories against a raw fetch of the
 * same histories (bench/audit/replay-bench.ts). Results and the machine go in docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { countingBar } from '../apps/progress-bar';
import type { NewEvent } from '../domain/shared/event-envelope';
import type { Checkpoint } from '../infra/audit/checkpoint';
import type { CheckpointSink } from '../infra/audit/checkpoint-sink';
import { makeCheckpoint } from '../audit/checkpoints/checkpointer';
import { keyIdOf, type SigningKey } from '../infra/audit/keys';
import { DEFAULT_PAGE_SIZE } from '../audit/shared/log-pages';
import { verifyLog } from '../audit/verify/verify';
import { openPgliteEventStore } from '../infra/event-store/pglite/pglite-event-store';
import { createPostgresEventStore } from '../infra/event-store/postgres/postgres-event-store';
import type { SqlEventStore } from '../infra/event-store/sql/sql-event-store';
import { benchReplay } from './audit/replay-bench';
import { type Comparison, comparisonTable, measurePair } from './measure';
import { townDecider } from '../domain/town';

const EVENTS = 100_000;
const STREAMS = 1_000;
const EVENTS_PER_APPEND = 25;
const VERIFY_TARGET = 0.5;
const REPLAY_HISTORIES = 1_000;

function benchEvent(stream: number, index: number): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: 'TownRated',
    data: {
      year: 2018 + (index % 3),
      rating: index % 4 === 0 ? '优秀' : '良好',
      score: 60 + (index % 40) + 0.5,
      basis: 'assessment',
      assessment: `萍乡市第${stream}号特色小镇年度评估`,
      landSupportYear: 2019,
      provincialCandidate: index % 2 === 0,
      consequence: 'continue',
    },
    metadata: {
      actor: { userId: 'bench', seat: 'joint-meeting-office' },
      causationId: id,
      correlationId: id,
      policy: { id: 'pingxiang-2017', version: 'sha256:0f3c' },
    },
    occurredAt: new Date(Date.UTC(2019, 0, 1) + index * 60_000).toISOString(),
  };
}

/** 100,000 events over 1,000 streams, appended round-robin so that neighbours belong to other streams. */
async function populate(store: SqlEventStore): Promise<void> {
  const perStream = EVENTS / STREAMS;
  const bar = countingBar('  append', 'events');
  try {
    for (let round = 0; round < perStream / EVENTS_PER_APPEND; round += 1) {
      for (let stream = 0; stream < STREAMS; stream += 1) {
        const events = Array.from({ length: EVENTS_PER_APPEND }, (_, i) =>
          benchEvent(stream, round * EVENTS_PER_APPEND + i),
        );
        await store.append(townDecider.streamOf(String(stream)), events, round * EVENTS_PER_APPEND - 1);
      }
      bar.update({ done: (round + 1) * EVENTS_PER_APPEND * STREAMS, total: EVENTS });
    }
  } finally {
    bar.done();
  }
}

/** A raw paged read of the same rows: the same query the store pages with, rows as the driver gives them. */
async function rawPagedRead(store: SqlEventStore): Promise<number> {
  let after = 0n;
  let read = 0;
  for (;;) {
    const rows = await store.client.query<{ global_position: bigint }>(
      {
        text: `SELECT * FROM ${store.schema}.events WHERE global_position > $1::bigint ORDER BY global_position LIMIT $2`,
      },
      [after.toString(), DEFAULT_PAGE_SIZE],
    );
    read += rows.length;
    const last = rows.at(-1);
    if (last === undefined || rows.length < DEFAULT_PAGE_SIZE) return read;
    after = last.global_position;
  }
}

function memorySink(): CheckpointSink & { readonly checkpoints: Checkpoint[] } {
  const checkpoints: Checkpoint[] = [];
  return {
    description: 'memory',
    checkpoints,
    append: (checkpoint) => {
      checkpoints.push(checkpoint);
      return Promise.resolve();
    },
    readAll: () => Promise.resolve([...checkpoints]),
  };
}

async function compare(label: string, store: SqlEventStore): Promise<Comparison[]> {
  const started = Date.now();
  await populate(store);
  process.stderr.write(`  ${label}: populated in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key: SigningKey = { keyId: keyIdOf(publicKey), privateKey, publicKey };
  const sink = memorySink();
  const sealing = Date.now();
  await makeCheckpoint({ log: store.chained, sink, key, now: () => new Date() });
  const sealSeconds = (Date.now() - sealing) / 1000;
  process.stderr.write(
    `  ${label}: sealed in ${sink.checkpoints.length} checkpoint(s), the whole log verified first, in ${sealSeconds.toFixed(1)} s\n`,
  );
  const trustedKeys = new Map([[key.keyId, publicKey]]);

  const rows: Comparison[] = [];
  for (const parallel of [false, true]) {
    let verified = 0;
    let read = 0;
    const { ours, raw } = await measurePair(
      async () => {
        const report = await verifyLog({
          log: store.chained,
          checkpoints: sink.checkpoints,
          trustedKeys,
          parallel,
        });
        // A large log is sealed in several checkpoints, each over a bounded span: every one must verify.
        if (!report.ok || report.checkpointsVerified !== sink.checkpoints.length)
          throw new Error(`${label}: the log did not verify`);
        verified = report.eventsChecked;
      },
      async () => {
        read = await rawPagedRead(store);
      },
      { ops: 1, events: EVENTS },
      3,
    );
    if (verified !== EVENTS || read !== EVENTS)
      throw new Error(`${label}: read ${read}, verified ${verified}`);
    rows.push({
      store: label,
      operation:
        `verify ${EVENTS.toLocaleString('en-US')} events, ` +
        `${parallel ? `content hashes on ${availableParallelism() - 1 || 1} worker thread(s)` : 'one thread'} ` +
        `(ours) vs raw paged read (raw)`,
      ours,
      raw,
      target: VERIFY_TARGET,
    });
    process.stderr.write(`  ${label}: verification ${parallel ? 'with workers' : 'on one thread'} done\n`);
  }
  return rows;
}

async function benchPglite(): Promise<Comparison[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const store = await openPgliteEventStore({ dataDir });
  try {
    return await compare('PGlite (directory)', store);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(url: string): Promise<Comparison[]> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = createPostgresEventStore({ url, schema });
  try {
    await store.checkHealth();
    return await compare('PostgreSQL', store);
  } finally {
    // The events table refuses DELETE and TRUNCATE, but its owner can drop the schema.
    await store.client.runScript(`DROP SCHEMA ${schema} CASCADE`);
    await store.close();
  }
}

/**
 * `--replay-only` runs the replay part alone (the store part takes a few minutes more);
 * `--histories <n>` replays n histories instead of 1,000;
 * `--through-cli` replays them once with `npm run audit -- replay` in a process of its own, instead of the
 * in-process rounds against the raw read (the way to measure 10,000).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'replay-only': { type: 'boolean', default: false },
      histories: { type: 'string', default: String(REPLAY_HISTORIES) },
      'through-cli': { type: 'boolean', default: false },
    },
  });
  const histories = Number(values.histories);
  if (!Number.isInteger(histories) || histories < 1)
    throw new Error('--histories takes a positive whole number');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  if (!values['replay-only']) {
    const rows = await benchPglite();
    const url = process.env.DATABASE_URL;
    if (url !== undefined && url !== '') rows.push(...(await benchPostgres(url)));
    else process.stderr.write('DATABASE_URL is not set: PostgreSQL skipped\n');
    process.stdout.write(`${comparisonTable(rows)}\n\n`);
  }
  process.stdout.write(`${await benchReplay(histories, { throughCli: values['through-cli'] })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

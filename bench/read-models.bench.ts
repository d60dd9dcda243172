/**
 * Read-model start-up benchmark (`npm run bench:read-models`, DATABASE_URL required): a PostgreSQL
 * schema of its own filled with a programme's log (bench/read-models/programme-log.ts) at 100,000 and
 * 1,000,000 events, then an API's read models started on it in a fresh process: folded from position 0
 * (time, events/s, memory) and a snapshot taken (time, size); 1 % more events appended; then a restart
 * from the snapshot (time to ready). `--events N` runs one size. Results go in docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countingBar } from '../apps/progress-bar';
import { createPostgresEventStore } from '../infra/event-store/postgres/postgres-event-store';
import { dropSchema, uniqueSchema } from '../test/helpers/postgres-schema';
import type { CatchUpFigures } from './read-models/catch-up-process';
import { reportFigures } from './figures';
import { fillProgrammeLog } from './read-models/programme-log';

const SIZES = [100_000, 1_000_000];

function runCatchUp(mode: 'fold' | 'restart', url: string, schema: string): CatchUpFigures {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'read-models', 'catch-up-process.ts'),
      mode,
    ],
    {
      env: { ...process.env, DATABASE_URL: url, BENCH_SCHEMA: schema },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as CatchUpFigures;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} MiB`;

async function benchSize(url: string, size: number): Promise<string[]> {
  const schema = uniqueSchema('bench_rm');
  const store = createPostgresEventStore({ url, schema });
  try {
    const fillStarted = Date.now();
    const bar = countingBar('  append', 'events');
    const filled = await fillProgrammeLog(store, size, 'p0', (events) =>
      bar.update({ done: events, total: size }),
    ).finally(() => bar.done());
    process.stderr.write(
      `  ${filled.events.toLocaleString('en-US')} events (${filled.towns} towns) in ${s(Date.now() - fillStarted)}\n`,
    );
    const fold = runCatchUp('fold', url, schema);
    process.stderr.write(`  fold from 0: ${JSON.stringify(fold)}\n`);
    const since = await fillProgrammeLog(store, Math.ceil(size / 100), 'p1');
    const restart = runCatchUp('restart', url, schema);
    process.stderr.write(`  restart: ${JSON.stringify(restart)}\n`);
    reportFigures({
      events: filled.events + since.events,
      restartReadyMs: restart.readyMs,
      restartRssMiB: restart.rssMiB,
      foldReadyMs: fold.readyMs,
    });
    const rate = (figures: CatchUpFigures) =>
      `${Math.round(figures.events / (figures.readyMs / 1000)).toLocaleString('en-US')} ev/s`;
    const snapshot = fold.snapshot;
    return [
      `| ${filled.events.toLocaleString('en-US')} (${filled.towns.toLocaleString('en-US')} towns) | fold from 0 | ${s(fold.readyMs)} | ${rate(fold)} | ${mib(fold.rssMiB)} (peak ${mib(fold.maxRssMiB)}) | ${mib(fold.heapMiB)} |`,
      `| + ${since.events.toLocaleString('en-US')} since the snapshot | restart from the snapshot (load ${s(restart.restoreMs)}) | ${s(restart.readyMs)} | — | ${mib(restart.rssMiB)} (peak ${mib(restart.maxRssMiB)}) | ${mib(restart.heapMiB)} |`,
      `| | snapshot taken | ${s(snapshot?.ms ?? 0)} | ${mib((snapshot?.bytes ?? 0) / 1048576)} gzip (${mib((snapshot?.jsonBytes ?? 0) / 1048576)} JSON) | | |`,
    ];
  } finally {
    await store.close();
    await dropSchema(url, schema);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string' } } });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required: the benchmark fills a PostgreSQL schema of its own');
  const sizes = values.events === undefined ? SIZES : [Number(values.events)];
  const rows: string[] = [];
  for (const size of sizes) {
    process.stderr.write(`${size.toLocaleString('en-US')} events\n`);
    rows.push(...(await benchSize(url, size)));
  }
  console.log(
    `\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log('| log | start | time to ready | rate / size | RSS | heap after GC |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Lifecycle benchmark (`npm run bench:lifecycle [-- --towns 100,1000] [--concurrency 16]`): N towns
 * through the whole four-year lifecycle on the time-skipping server, next to a bare workflow that
 * receives the same updates and signals, fires the same timers and runs as many activities with empty
 * bodies, in the same run. Prints the per-town cost ratio (target ≤ 1.2) and what each side did, as
 * Markdown for docs/benchmarks.md. By default 100 and 300 towns: 1,000 take longer than ten minutes
 * on two cores (docs/decisions/0041-lifecycle-benchmark-against-a-bare-mirror.md). `--store postgres`
 * appends to PostgreSQL (DATABASE_URL; a schema of its own per run, dropped after) instead of an
 * in-memory PGlite in the worker's process.
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { batchDecider } from '../domain/batch';
import { programmeDecider } from '../domain/programme';
import { townDecider } from '../domain/town';
import type { EventStoreConfig } from '../infra/event-store/create-event-store';
import { rehearsalFor } from '../apps/simulate/run-simulation';
import {
  FRESH_WORLD_ATTEMPTS,
  inFreshWorld,
  type TimeSkippingWorld,
  type TimeSkippingWorldOptions,
} from '../apps/simulate/time-skipping-world';
import { runBareLifecycle } from './lifecycle/bare-lifecycle';
import { reportFigures } from './figures';
import { withPostgresSchema } from './postgres-schema';
import { startBareWorker } from './lifecycle/bare-worker';
import { benchPack } from './lifecycle/bench-pack';
import { bareShapeOf, perTownCounts } from './lifecycle/lifecycle-shape';
import { runRealLifecycle } from './lifecycle/real-lifecycle';
import {
  perTownRatio,
  splitTable,
  timingTable,
  workTable,
  type LifecycleComparison,
} from './lifecycle/results-table';

const WARM_UP_TOWNS = 10;

interface Options {
  readonly towns: readonly number[];
  readonly concurrency: number;
  readonly store: 'pglite' | 'postgres';
}

function parseOptions(argv: readonly string[]): Options {
  let towns = [100, 300];
  let concurrency = 16;
  let store: Options['store'] = 'pglite';
  const usage = 'usage: bench:lifecycle [--towns 100,1000] [--concurrency 16] [--store pglite|postgres]';
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1] ?? ''];
    if (flag === '--towns') towns = value.split(',').map(Number);
    else if (flag === '--concurrency') concurrency = Number(value);
    else if (flag === '--store' && (value === 'pglite' || value === 'postgres')) store = value;
    else throw new Error(`${usage} (not ${flag ?? ''} ${value})`);
  }
  if (store === 'postgres' && !process.env.DATABASE_URL) {
    throw new Error('--store postgres needs DATABASE_URL (a database the benchmark may create a schema in)');
  }
  if (towns.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('--towns takes whole numbers separated by commas, --concurrency a whole number');
  }
  return { towns, concurrency, store };
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** A world of its own for `work`, started afresh (and said so) if the test server stalls. */
function inWorld<T>(
  options: TimeSkippingWorldOptions,
  work: (world: TimeSkippingWorld) => Promise<T>,
): Promise<T> {
  return inFreshWorld(options, work, (error, attempt) =>
    log(`${error.message}: attempt ${attempt + 1} of ${FRESH_WORLD_ATTEMPTS}`),
  );
}

/**
 * Each side on a test server of its own, warmed up first (bundles loaded, code hot), so neither carries
 * the other's histories or shares the process's threads with the other's idle worker.
 */
async function compare(
  towns: number,
  concurrency: number,
  store: Options['store'],
): Promise<LifecycleComparison> {
  const realSide = await withStore(store, (eventStore) =>
    inWorld(eventStore ? { eventStore } : {}, async (world) => {
      const runReal = async (count: number, programmeId: string) => {
        const policy = await rehearsalFor(world, benchPack(count));
        log(`real ${count}: ${policy.id}`);
        return runRealLifecycle(world, policy, { towns: count, programmeId, concurrency }, (label) =>
          log(`real ${count}: ${label}`),
        );
      };
      await runReal(WARM_UP_TOWNS, `bench-warm-up-${towns}`);
      const programmeId = `bench-${towns}`;
      const run = await runReal(towns, programmeId);
      log(`real ${towns}: ${(run.wallMs / 1000).toFixed(1)} s; reading histories`);
      const shared = [
        programmeDecider.streamOf(programmeId),
        batchDecider.streamOf(programmeId, '2017', 'unambiguous'),
      ];
      const counts = await perTownCounts(world.client, run.townIds.map(townDecider.streamOf), shared);
      return { run, counts };
    }),
  );
  const shape = bareShapeOf(realSide.run, realSide.counts.sample, realSide.counts.perTown);
  const bareSide = await inWorld({ productWorker: false }, async (world) => {
    const bare = await startBareWorker(world);
    try {
      const runBare = (count: number, runId: string) =>
        runBareLifecycle(world, bare.taskQueue, shape, { towns: count, runId, concurrency }, (label) =>
          log(`bare ${count}: ${label}`),
        );
      await runBare(WARM_UP_TOWNS, `warm-up-${towns}`);
      const run = await runBare(towns, String(towns));
      log(`bare ${towns}: ${(run.wallMs / 1000).toFixed(1)} s; reading histories`);
      return { run, counts: await perTownCounts(world.client, run.workflowIds, []) };
    } finally {
      await bare.close();
    }
  });
  return {
    real: realSide.run,
    bare: bareSide.run,
    realPerTown: realSide.counts.perTown,
    barePerTown: bareSide.counts.perTown,
  };
}

/** PostgreSQL: a schema of its own for one world, dropped after; PGlite: the world's default. */
function withStore<T>(
  store: Options['store'],
  work: (eventStore: EventStoreConfig | undefined) => Promise<T>,
): Promise<T> {
  return store === 'pglite' ? work(undefined) : withPostgresSchema('bench_lifecycle', work);
}

function machine(): string {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const memory = `${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
  return `${new Date().toUTCString()}; ${model}, ${cpus().length} CPUs, ${memory} memory; Node.js ${process.version}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Worker chatter would bury the tables: warnings and errors only, on stderr.
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) =>
      process.stderr.write(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
    ),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
  const rows: LifecycleComparison[] = [];
  for (const towns of options.towns) rows.push(await compare(towns, options.concurrency, options.store));
  process.stdout.write(
    `${machine()}; officials work ${options.concurrency} towns at a time; store: ${options.store}\n\n` +
      `${timingTable(rows)}\n\n${splitTable(rows)}\n\n${workTable(rows)}\n`,
  );
  const last = rows.at(-1);
  if (last) reportFigures({ towns: last.real.towns, realOverBare: perTownRatio(last) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

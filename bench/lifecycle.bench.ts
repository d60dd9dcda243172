/**
 * Lifecycle benchmark (`npm run bench:lifecycle [-- --towns 100,1000] [--concurrency 16]`): N towns
 * through the whole four-year lifecycle on the time-skipping server, next to a bare workflow that
 * receives the same updates and signals, fires the same timers and runs as many activities with empty
 * bodies, in the same run. Prints the per-town cost ratio (target ≤ 1.2) and what each side did, as
 * Markdown for docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { rehearsalFor } from '../apps/simulate/run-simulation';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../apps/simulate/time-skipping-world';
import { batchWorkflowId } from '../workflows/batch/batch.messages';
import { programmeWorkflowId } from '../workflows/programme/programme.messages';
import { townWorkflowId } from '../workflows/town/town.messages';
import { runBareLifecycle } from './lifecycle/bare-lifecycle';
import { startBareWorker, type BareWorker } from './lifecycle/bare-worker';
import { benchPack } from './lifecycle/bench-pack';
import { bareShapeOf, perTownCounts } from './lifecycle/lifecycle-shape';
import { runRealLifecycle } from './lifecycle/real-lifecycle';
import { splitTable, timingTable, workTable, type LifecycleComparison } from './lifecycle/results-table';

const WARM_UP_TOWNS = 10;

interface Options {
  readonly towns: readonly number[];
  readonly concurrency: number;
}

function parseOptions(argv: readonly string[]): Options {
  let towns = [100, 300];
  let concurrency = 16;
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1] ?? ''];
    if (flag === '--towns') towns = value.split(',').map(Number);
    else if (flag === '--concurrency') concurrency = Number(value);
    else throw new Error(`usage: bench:lifecycle [--towns 100,1000] [--concurrency 16] (not ${flag ?? ''})`);
  }
  if (towns.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('--towns takes whole numbers separated by commas, --concurrency a whole number');
  }
  return { towns, concurrency };
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function compare(
  world: TimeSkippingWorld,
  bare: BareWorker,
  towns: number,
  runId: string,
  concurrency: number,
): Promise<LifecycleComparison> {
  const policy = await rehearsalFor(world, benchPack(towns));
  log(`real ${towns}: ${policy.id}`);
  const programmeId = `bench-${runId}`;
  const real = await runRealLifecycle(world, policy, { towns, programmeId, concurrency }, (label) =>
    log(`real ${towns}: ${label}`),
  );
  log(`real ${towns}: ${(real.wallMs / 1000).toFixed(1)} s; reading histories`);
  const realCounts = await perTownCounts(world.client, real.townIds.map(townWorkflowId), [
    programmeWorkflowId(programmeId),
    ...policy.batches.map((batch) => batchWorkflowId(programmeId, batch.id)),
  ]);
  const shape = bareShapeOf(real, realCounts.sample, realCounts.perTown);
  const bareRun = await runBareLifecycle(
    world,
    bare.taskQueue,
    shape,
    { towns, runId, concurrency },
    (label) => log(`bare ${towns}: ${label}`),
  );
  log(`bare ${towns}: ${(bareRun.wallMs / 1000).toFixed(1)} s; reading histories`);
  const bareCounts = await perTownCounts(world.client, bareRun.workflowIds, []);
  return { real, bare: bareRun, realPerTown: realCounts.perTown, barePerTown: bareCounts.perTown };
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
    logger: new DefaultLogger('WARN', ({ level, message }) => process.stderr.write(`${level} ${message}\n`)),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
  const world = await startTimeSkippingWorld();
  const bare = await startBareWorker(world).catch(async (error: unknown) => {
    await world.close();
    throw error;
  });
  try {
    // Both workers load their bundles and both sides warm up before anything is timed.
    await compare(world, bare, WARM_UP_TOWNS, 'warm-up', options.concurrency);
    const rows: LifecycleComparison[] = [];
    for (const towns of options.towns)
      rows.push(await compare(world, bare, towns, String(towns), options.concurrency));
    process.stdout.write(
      `${machine()}; officials work ${options.concurrency} towns at a time\n\n` +
        `${timingTable(rows)}\n\n${splitTable(rows)}\n\n${workTable(rows)}\n`,
    );
  } finally {
    await bare.close();
    await world.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

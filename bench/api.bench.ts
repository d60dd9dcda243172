/**
 * API benchmark (`npm run bench:api`): a representative command (submitting a town's plans) and a
 * query (`GET /api/towns/{id}`) under concurrent load with autocannon against the API as `npm start`
 * runs it (our dev-server launcher, the worker, PGlite), next to what they are built on, measured in
 * the same run at the same concurrency: a bare Temporal `executeUpdate` on a trivial workflow, the same
 * with one local activity and with one activity that do nothing (a step's shape without our code, since
 * decision 0132 and before it), and a bare read of a town's
 * stream from the store. Target: p99 ≤ 1.5 × the bare operation's. The command and the two bare Updates
 * run in alternating rounds (`BENCH_ROUNDS`, 3), each on fresh towns, so one slow moment of a shared
 * machine shows as one odd round instead of moving one side only.
 *
 * At scale (issue 13's figures): `BENCH_OPEN_TOWNS` towns are open before the rounds, the measured ones
 * first, so that by the time they are stepped most have left the worker's cache, as on a busy day with
 * that many towns; the process's memory is reported once all are open. `BENCH_STORE=postgres` appends to
 * PostgreSQL (`DATABASE_URL`, a schema of its own, dropped after) instead of PGlite in the process.
 *
 * `BENCH_TOPOLOGY=processes` (PostgreSQL only) runs the system as a deployment does instead of as
 * `npm start` does: the API and `BENCH_WORKERS` workers (1 unless set) each in a process of its own, the
 * bare Updates' worker in another, and this process sending the load (bench/api/bench-processes.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { townDecider } from '../domain/town';
import type { EventStoreConfig } from '../infra/event-store/create-event-store';
import { startBenchProcesses } from './api/bench-processes';
import { startBenchSystem, type BenchSystem } from './api/bench-system';
import { cpuSpent, type CpuByPart } from './api/process-cpu';
import { measureLatency, type LatencyResult } from './api/latency';
import { listedTowns } from './api/listed-towns';
import {
  touchThroughActivityUpdate,
  touchThroughLocalActivityUpdate,
  touchUpdate,
  trivialWorkflow,
} from './api/trivial.workflow';
import { reportFigures } from './figures';
import { withPostgresSchema } from './postgres-schema';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 400);
const WARM_UP = 40;
const QUERY_SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 1.5;
const OPEN_TOWNS = Number(process.env.BENCH_OPEN_TOWNS ?? 0);
const STORE = process.env.BENCH_STORE ?? 'pglite';
const TOPOLOGY = process.env.BENCH_TOPOLOGY ?? 'one-process';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

const documents = (townId: string) =>
  JSON.stringify({ documents: { 'special-plan': `doc://${townId}/sp`, 'work-plan': `doc://${townId}/wp` } });

/** Every town gets one first-time plan submission, from its own county's official. */
async function commandLoad(system: BenchSystem, towns: { townId: string; county: string }[]) {
  const tokens = new Map<string, string>();
  for (const { county } of towns)
    if (!tokens.has(county)) tokens.set(county, await system.token('county-official', county));
  let next = 0;
  const result = await autocannon({
    url: system.url,
    connections: CONNECTIONS,
    amount: towns.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const town = towns[next++ % towns.length];
          return {
            ...request,
            path: `/api/towns/${town?.townId ?? ''}/plan`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens.get(town?.county ?? '') ?? ''}`,
            },
            body: documents(town?.townId ?? ''),
          };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`command load: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result;
}

async function queryLoad(system: BenchSystem, townId: string) {
  const auditor = await system.token('auditor');
  const path = `/api/towns/${townId}`;
  // The read models follow the store: wait (bounded) until they hold the town.
  for (let tries = 0; ; tries += 1) {
    const response = await fetch(`${system.url}${path}`, { headers: { authorization: `Bearer ${auditor}` } });
    if (response.ok) break;
    if (tries > 100) throw new Error(`GET ${path} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const result = await autocannon({
    url: `${system.url}${path}`,
    connections: CONNECTIONS,
    duration: QUERY_SECONDS,
    headers: { authorization: `Bearer ${auditor}` },
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`query load: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result;
}

interface BareUpdates {
  /** `touch`: the Update only answers. */
  readonly answer: (i: number) => Promise<void>;
  /** `touchThroughActivity`: the Update runs one activity, then answers. */
  readonly throughActivity: (i: number) => Promise<void>;
  /** `touchThroughLocalActivity`: the Update runs one local activity, then answers (a step since 0132). */
  readonly throughLocalActivity: (i: number) => Promise<void>;
  readonly stop: () => Promise<void>;
}

/** One trivial workflow per connection, each taking both kinds of bare Update. */
async function bareUpdates(system: BenchSystem): Promise<BareUpdates> {
  const handles = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) =>
      system.client.workflow.start(trivialWorkflow, {
        workflowId: `bench-trivial-${i}-${Date.now()}`,
        taskQueue: system.trivialTaskQueue,
      }),
    ),
  );
  const handle = (i: number) => handles[i % handles.length];
  return {
    answer: async (i) => {
      await handle(i)?.executeUpdate(touchUpdate, { args: ['bench'] });
    },
    throughActivity: async (i) => {
      await handle(i)?.executeUpdate(touchThroughActivityUpdate, { args: ['bench'] });
    },
    throughLocalActivity: async (i) => {
      await handle(i)?.executeUpdate(touchThroughLocalActivityUpdate, { args: ['bench'] });
    },
    stop: async () => {
      await Promise.all(handles.map((each) => each.terminate('benchmark done')));
    },
  };
}

interface Round {
  readonly command: Awaited<ReturnType<typeof commandLoad>>;
  readonly bare: LatencyResult;
  readonly bareWithActivity: LatencyResult;
  readonly bareWithLocalActivity: LatencyResult;
}

function machine(): string[] {
  let memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  try {
    memory = execFileSync('free', ['-h'], { encoding: 'utf8' }).trim();
  } catch {
    // `free` is Linux-only; the total from Node is enough elsewhere.
  }
  return [
    `- date: ${new Date().toString()}`,
    `- nproc: ${cpus().length}; CPU: ${cpus()[0]?.model ?? 'unknown'}`,
    `- Node ${process.version}; ${CONNECTIONS} connections; ${ROUNDS} rounds of ${COMMANDS} commands; queries for ${QUERY_SECONDS} s`,
    '- memory (`free -h`):',
    '',
    '```',
    memory,
    '```',
  ];
}

const ms = (value: number) => value.toFixed(1);
const ratio = (p99: number, bare: LatencyResult) => `${(p99 / bare.p99Ms).toFixed(2)} ×`;
const row = (what: string, p50: number, p99: number, perSecond: number, bare?: LatencyResult) =>
  `| ${what} | ${ms(p50)} | ${ms(p99)} | ${perSecond.toFixed(0)} | ${
    bare ? `${ratio(p99, bare)} (target ≤ ${TARGET})` : ''
  } |`;
const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const medianOver = (rounds: readonly Round[], pick: (round: Round) => number) => median(rounds.map(pick));

function roundsTable(rounds: readonly Round[]): string[] {
  const lines = rounds.map(
    ({ command, bare, bareWithActivity, bareWithLocalActivity }, index) =>
      `| ${index + 1} | ${ms(command.latency.p50)} / ${ms(command.latency.p99)} | ${ms(bare.p50Ms)} / ${ms(
        bare.p99Ms,
      )} | ${ms(bareWithLocalActivity.p50Ms)} / ${ms(bareWithLocalActivity.p99Ms)} | ${ms(
        bareWithActivity.p50Ms,
      )} / ${ms(bareWithActivity.p99Ms)} | ${ratio(command.latency.p99, bare)} | ${ratio(
        command.latency.p99,
        bareWithLocalActivity,
      )} | ${ratio(command.latency.p99, bareWithActivity)} |`,
  );
  const medianOf = (pick: (round: Round) => number) => medianOver(rounds, pick).toFixed(2);
  return [
    '| round | `POST …/plan` p50 / p99 ms | bare Update p50 / p99 ms | bare Update + 1 local activity p50 / p99 ms | bare Update + 1 activity p50 / p99 ms | p99 vs bare | p99 vs bare + local activity | p99 vs bare + activity |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...lines,
    `| median | | | | | ${medianOf((r) => r.command.latency.p99 / r.bare.p99Ms)} × | ${medianOf(
      (r) => r.command.latency.p99 / r.bareWithLocalActivity.p99Ms,
    )} × | ${medianOf((r) => r.command.latency.p99 / r.bareWithActivity.p99Ms)} × |`,
  ];
}

/**
 * CPU each part of the system spent on each kind of operation, over all rounds (processes topology
 * only: one process's CPU cannot be split between the API and the worker).
 */
class CpuSpent {
  private readonly byKind = new Map<string, Record<string, number>>();
  constructor(private readonly read: (() => CpuByPart) | undefined) {}

  async during<T>(kind: string, work: () => Promise<T>): Promise<T> {
    if (!this.read) return work();
    const before = this.read();
    const result = await work();
    const total = this.byKind.get(kind) ?? {};
    for (const [part, ms] of Object.entries(cpuSpent(before, this.read())))
      total[part] = (total[part] ?? 0) + ms;
    this.byKind.set(kind, total);
    return result;
  }

  /** Milliseconds of CPU per operation, by part: what separates a step from the bare Updates. */
  table(operations: number): string[] {
    const kinds = [...this.byKind.entries()];
    const parts = Object.keys(kinds[0]?.[1] ?? {});
    if (parts.length === 0) return [];
    const perOperation = (ms: number) => (ms / operations).toFixed(1);
    return [
      '',
      `CPU per operation, ms (over all rounds, ${operations} of each; /proc):`,
      '',
      `| operation | ${parts.join(' | ')} | all |`,
      `| --- | ${parts.map(() => '---:').join(' | ')} | ---: |`,
      ...kinds.map(
        ([kind, total]) =>
          `| ${kind} | ${parts.map((part) => perOperation(total[part] ?? 0)).join(' | ')} | ${perOperation(
            Object.values(total).reduce((sum, ms) => sum + ms, 0),
          )} |`,
      ),
    ];
  }
}

/** The measured towns, then as many more as make `OPEN_TOWNS` open, a thousand at a time. */
async function openTowns(system: BenchSystem, measured: number) {
  const towns: Awaited<ReturnType<typeof listedTowns>> = [];
  const total = Math.max(measured, OPEN_TOWNS);
  while (towns.length < total) {
    const count = Math.min(towns.length < measured ? measured - towns.length : 1_000, total - towns.length);
    towns.push(...(await listedTowns(system.client, system.policy, system.taskQueue, count)));
    console.error(`  ${towns.length} of ${total} towns open`);
  }
  return towns;
}

/** The process holds the API, its read models, the worker and its cache (and PGlite, unless PostgreSQL). */
function memoryNow(): string {
  const { rss, heapUsed } = process.memoryUsage();
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return `resident ${mib(rss)}, heap used ${mib(heapUsed)}`;
}

async function main(): Promise<void> {
  if (STORE !== 'pglite' && STORE !== 'postgres') throw new Error('BENCH_STORE is pglite or postgres');
  if (TOPOLOGY !== 'one-process' && TOPOLOGY !== 'processes') {
    throw new Error('BENCH_TOPOLOGY is one-process or processes');
  }
  if (TOPOLOGY === 'processes' && STORE !== 'postgres') {
    throw new Error('BENCH_TOPOLOGY=processes needs BENCH_STORE=postgres: PGlite admits one process');
  }
  if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error('BENCH_WORKERS is a whole number ≥ 1');
  if (STORE === 'postgres') await withPostgresSchema('bench_api', (store) => measure(store));
  else await measure(undefined);
}

/** The system under load, and how to read its memory (one process, or the API's and each worker's). */
async function startSystem(store: EventStoreConfig | undefined): Promise<{
  system: BenchSystem;
  memory: () => string;
  /** Resident MiB of the largest process that runs town workflows. */
  workerMiB: () => number;
  where: string;
  cpu?: () => CpuByPart;
}> {
  if (TOPOLOGY === 'processes' && store?.kind === 'postgres') {
    const system = await startBenchProcesses({ store, workers: WORKERS });
    return {
      system,
      cpu: () => system.cpu(),
      memory: () => system.memory(),
      workerMiB: () => system.largestWorkerMiB(),
      where: `the API and ${WORKERS} worker(s), each a process of its own`,
    };
  }
  const system = await startBenchSystem(store ? { store } : {});
  const held = `API, read models, worker${STORE === 'pglite' ? ', PGlite' : ''}`;
  return {
    system,
    memory: memoryNow,
    workerMiB: () => process.memoryUsage().rss / 2 ** 20,
    where: `this process (${held})`,
  };
}

async function measure(store: EventStoreConfig | undefined): Promise<void> {
  const { system, memory: memoryOfSystem, workerMiB, where, cpu } = await startSystem(store);
  const spent = new CpuSpent(cpu);
  try {
    const before = memoryOfSystem();
    console.error('Preparing listed towns…');
    const opening = Date.now();
    const towns = await openTowns(system, WARM_UP + ROUNDS * COMMANDS);
    const seconds = (Date.now() - opening) / 1_000;
    const cache = process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 'its default';
    const workerMiBOpen = workerMiB();
    const memory = [
      `- store: ${STORE}; topology: ${TOPOLOGY}; worker cache: ${cache}; ${towns.length} towns opened in ${seconds.toFixed(0)} s`,
      `- ${where}: ${before} before any town, ${memoryOfSystem()} with ${towns.length} open`,
    ];
    const bare = await bareUpdates(system);
    console.error('Warm-up…');
    await commandLoad(system, towns.slice(0, WARM_UP));
    await measureLatency(WARM_UP, CONNECTIONS, bare.answer);
    await measureLatency(WARM_UP, CONNECTIONS, bare.throughActivity);
    await measureLatency(WARM_UP, CONNECTIONS, bare.throughLocalActivity);
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      console.error(`Round ${round + 1} of ${ROUNDS}…`);
      const from = WARM_UP + round * COMMANDS;
      const command = await spent.during('step', () =>
        commandLoad(system, towns.slice(from, from + COMMANDS)),
      );
      const answered = await spent.during('bare Update', () =>
        measureLatency(COMMANDS, CONNECTIONS, bare.answer),
      );
      const throughLocal = await spent.during('bare + 1 local activity', () =>
        measureLatency(COMMANDS, CONNECTIONS, bare.throughLocalActivity),
      );
      const throughActivity = await spent.during('bare + 1 activity', () =>
        measureLatency(COMMANDS, CONNECTIONS, bare.throughActivity),
      );
      rounds.push({
        command,
        bare: answered,
        bareWithLocalActivity: throughLocal,
        bareWithActivity: throughActivity,
      });
    }
    await bare.stop();
    console.error('Query load…');
    const first = towns[0]?.townId ?? '';
    const query = await queryLoad(system, first);
    console.error('Bare reads…');
    const read = (i: number) =>
      system.store.readStream(townDecider.streamOf(towns[i % towns.length]?.townId ?? ''));
    await measureLatency(WARM_UP, CONNECTIONS, read);
    const bareRead = await measureLatency(Math.max(2_000, query.requests.total), CONNECTIONS, read);

    console.log(
      [
        '## API under load (`npm run bench:api`)',
        '',
        ...machine(),
        ...memory,
        '',
        `A step (\`POST /api/towns/{id}/plan\`: HTTP, auth, Update, append) against the bare Updates, ${ROUNDS} alternating rounds of ${COMMANDS}:`,
        '',
        ...roundsTable(rounds),
        '',
        '| operation | p50 ms | p99 ms | per second | p99 vs bare |',
        '| --- | ---: | ---: | ---: | --- |',
        row(
          '`GET /api/towns/{id}` (HTTP, auth, read models)',
          query.latency.p50,
          query.latency.p99,
          query.requests.average,
          bareRead,
        ),
        row("bare store read of the town's stream", bareRead.p50Ms, bareRead.p99Ms, bareRead.perSecond),
        ...spent.table(ROUNDS * COMMANDS),
      ].join('\n'),
    );
    const medianOf = (pick: (round: Round) => number) => medianOver(rounds, pick);
    reportFigures({
      townsOpen: towns.length,
      workerMiB: workerMiBOpen,
      stepP50Ms: medianOf((r) => r.command.latency.p50),
      stepP99Ms: medianOf((r) => r.command.latency.p99),
      stepP99OverBare: medianOf((r) => r.command.latency.p99 / r.bare.p99Ms),
      stepP99OverBareLocalActivity: medianOf((r) => r.command.latency.p99 / r.bareWithLocalActivity.p99Ms),
      stepP99OverBareActivity: medianOf((r) => r.command.latency.p99 / r.bareWithActivity.p99Ms),
      queryP99Ms: query.latency.p99,
    });
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

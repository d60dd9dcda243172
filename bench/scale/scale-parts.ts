import type { Figures } from '../figures';

/** The sizes one `bench:scale` run measures at (issue 13's by default). */
export interface ScaleSizes {
  /** Town workflows open at once for the step and query at scale. */
  readonly towns: number;
  /** Workers, each a process of its own, that hold those towns between them. */
  readonly workers: number;
  /** Towns per side of the lifecycle comparison. */
  readonly lifecycleTowns: number;
  /** Recorded town histories the auditors' CLI replays. */
  readonly histories: number;
  /** Events in the log an API restarts on. */
  readonly events: number;
}

export const issueSizes: ScaleSizes = {
  towns: 10_000,
  workers: 6,
  lifecycleTowns: 100,
  histories: 10_000,
  events: 1_000_000,
};

/** One line of the summary: a figure, what it came to, and the target it is held to, if any. */
export interface FigureLine {
  readonly figure: string;
  readonly measured: string;
  readonly target?: { readonly text: string; readonly met: boolean };
}

/** One benchmark run as a child process, and how its figures read against issue 13's targets. */
export interface ScalePart {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly lines: (figures: Figures) => FigureLine[];
}

const times = (value: number) => `${value.toFixed(2)} ×`;
const count = (value: number) => value.toLocaleString('en-US');
const atMost = (limit: number, value: number, text: string) => ({ text: `≤ ${text}`, met: value <= limit });
const atLeast = (limit: number, value: number, text: string) => ({ text: `≥ ${text}`, met: value >= limit });
const figure = (figures: Figures, name: string): number => {
  const value = figures[name];
  if (value === undefined || !Number.isFinite(value)) throw new Error(`the benchmark left no figure ${name}`);
  return value;
};

/** A step against the three bare Updates, as `bench:api` measures it. */
function stepLines(figures: Figures, where: string): FigureLine[] {
  const overBare = figure(figures, 'stepP99OverBare');
  return [
    {
      figure: `${where}: a step's p99 ÷ a bare Update's (median of rounds)`,
      measured: `${times(overBare)} (p99 ${figure(figures, 'stepP99Ms').toFixed(0)} ms)`,
      target: atMost(1.5, overBare, '1.5 ×'),
    },
    {
      figure: `${where}: a step's p99 ÷ a bare Update with one local activity`,
      measured: times(figure(figures, 'stepP99OverBareLocalActivity')),
    },
    {
      figure: `${where}: a step's p99 ÷ a bare Update with one activity`,
      measured: times(figure(figures, 'stepP99OverBareActivity')),
    },
  ];
}

const postgresApi = { BENCH_STORE: 'postgres', WORKER_MAX_CACHED_WORKFLOWS: '2000' };

/** Every figure of issue 13, one benchmark after another, at `sizes`. */
export function scaleParts(sizes: ScaleSizes): ScalePart[] {
  return [
    {
      name: 'at-scale',
      script: 'api.bench.ts',
      args: [],
      env: {
        ...postgresApi,
        BENCH_TOPOLOGY: 'processes',
        BENCH_WORKERS: String(sizes.workers),
        BENCH_OPEN_TOWNS: String(sizes.towns),
      },
      lines: (figures) => {
        const where = `${count(figure(figures, 'townsOpen'))} towns open, ${sizes.workers} workers`;
        const memory = figure(figures, 'workerMiB');
        const query = figure(figures, 'queryP99Ms');
        return [
          {
            figure: `${where}: the largest worker's resident memory`,
            measured: `${memory.toFixed(0)} MiB`,
            target: atMost(1024, memory, '1 GiB'),
          },
          ...stepLines(figures, where),
          {
            figure: `${where}: a town query's p99`,
            measured: `${query} ms`,
            target: atMost(50, query, '50 ms'),
          },
        ];
      },
    },
    {
      name: 'today',
      script: 'api.bench.ts',
      args: [],
      env: postgresApi,
      lines: (figures) => stepLines(figures, `${count(figure(figures, 'townsOpen'))} towns, one process`),
    },
    ...(['postgres', 'pglite'] as const).map((store): ScalePart => ({
      name: `lifecycle-${store}`,
      script: 'lifecycle.bench.ts',
      args: ['--towns', String(sizes.lifecycleTowns), '--store', store],
      env: {},
      lines: (figures) => {
        const ratio = figure(figures, 'realOverBare');
        return [
          {
            figure: `a town's whole lifecycle (${count(figure(figures, 'towns'))} towns, ${store === 'postgres' ? 'PostgreSQL' : 'PGlite'}) ÷ the bare mirror`,
            measured: times(ratio),
            ...(store === 'postgres' ? { target: atMost(1.2, ratio, '1.2 ×') } : {}),
          },
        ];
      },
    })),
    {
      name: 'appends',
      script: 'store.bench.ts',
      args: [],
      env: {},
      lines: (figures) => {
        const ten = figure(figures, 'appendTenOverRaw');
        const one = figure(figures, 'appendOneOverRaw');
        return [
          {
            figure: 'hash-chained appends on PostgreSQL, 10 events a transaction ÷ raw INSERTs',
            measured: times(ten),
            target: atLeast(0.8, ten, '0.8 ×'),
          },
          {
            figure: 'hash-chained appends on PostgreSQL, 1 event a transaction ÷ raw INSERTs',
            measured: times(one),
            target: atLeast(0.7, one, '0.7 ×'),
          },
        ];
      },
    },
    {
      name: 'replay',
      script: 'audit.bench.ts',
      args: ['--replay-only', '--through-cli', '--histories', String(sizes.histories)],
      env: {},
      lines: (figures) => [
        {
          figure: `replay of ${count(figure(figures, 'histories'))} town histories by \`npm run audit -- replay\``,
          measured:
            `${figure(figures, 'replaySeconds').toFixed(0)} s, ${figure(figures, 'replayCpuSeconds').toFixed(0)} s of CPU, ` +
            `peak ${figure(figures, 'replayPeakMiB').toFixed(0)} MiB`,
        },
      ],
    },
    {
      name: 'restart',
      script: 'read-models.bench.ts',
      args: ['--events', String(sizes.events)],
      env: {},
      lines: (figures) => [
        {
          figure: `an API restart at ${count(figure(figures, 'events'))} events: time to ready`,
          measured: `${(figure(figures, 'restartReadyMs') / 1000).toFixed(1)} s (from 0: ${(figure(figures, 'foldReadyMs') / 1000).toFixed(1)} s)`,
        },
      ],
    },
    {
      name: 'payloads',
      script: 'payloads.bench.ts',
      args: ['--towns', String(sizes.towns)],
      env: {},
      lines: (figures) => {
        const kib = figure(figures, 'largestPayloadBytes') / 1024;
        return [
          {
            figure: `the largest payload a workflow hands Temporal at ${count(figure(figures, 'towns'))} towns`,
            measured: `${kib.toFixed(1)} KiB`,
            target: atMost(512, kib, "512 KiB (Temporal's warning)"),
          },
        ];
      },
    },
  ];
}

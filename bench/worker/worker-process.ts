import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStoreConfig } from '../../infra/event-store/create-event-store';

/** What the kernel says of a process's memory: resident now, and the most it has been resident. */
export interface ProcessMemory {
  readonly residentMiB: number;
  readonly peakResidentMiB: number;
}

export function memoryOf(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { residentMiB: kib('VmRSS') / 1024, peakResidentMiB: kib('VmHWM') / 1024 };
}

export interface OwnProcess {
  readonly pid: number;
  stop(): Promise<void>;
}

const root = join(__dirname, '..', '..');

/**
 * A TypeScript entry point of the repository (`apps/worker/main.ts`, `apps/api/main.ts`, a benchmark's
 * own) in a Node process of its own, started without npm in between, so that the pid measured is the
 * process's. Settles once the process has written `startedLine`; fails if it exits first. Only the last
 * lines of its output are kept, for the error, so a long run's request log costs no memory here.
 */
export async function startOwnProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  startedLine: RegExp,
): Promise<OwnProcess> {
  // BENCH_CPU_PROFILE_DIR: each process writes a CPU profile of its own there when it ends (`node --cpu-prof`).
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, '-r', 'ts-node/register/transpile-only', join(root, script)],
    { cwd: root, env: { ...withoutObservability(process.env), ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    output.splice(0, Math.max(0, output.length - 50));
  };
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (startedLine.test(chunk.toString())) resolve();
    });
    void exited.then((code) => reject(new Error(`${script} exited (${code}):\n${output.join('')}`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script} has no pid`);
  return {
    pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * `npm run start:worker` as a deployment runs it: its own Node process, PostgreSQL for its store. Its own
 * settings (`WORKER_MAX_CACHED_WORKFLOWS`) come from this process's environment.
 */
export function startWorkerProcess(options: {
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly store: Extract<EventStoreConfig, { kind: 'postgres' }>;
}): Promise<OwnProcess> {
  return startOwnProcess(
    join('apps', 'worker', 'main.ts'),
    {
      ...temporalAndStore(options),
      TEMPORAL_TASK_QUEUE: options.taskQueue,
    },
    /Worker polling/,
  );
}

/** The environment that points one of our processes at a Temporal server and a PostgreSQL store. */
export function temporalAndStore(options: {
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly store: Extract<EventStoreConfig, { kind: 'postgres' }>;
}): NodeJS.ProcessEnv {
  return {
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: options.namespace,
    EVENT_STORE: 'postgres',
    DATABASE_URL: options.store.url,
    ...(options.store.schema ? { DATABASE_SCHEMA: options.store.schema } : {}),
  };
}

/** The benchmarks measure our processes alone: no tracing, no metrics server of their own. */
function withoutObservability(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    OTEL_EXPORTER_OTLP_ENDPOINT: _tracing,
    METRICS_PORT: _metrics,
    TEMPORAL_METRICS_ADDRESS: _sdkMetrics,
    ...rest
  } = env;
  return rest;
}

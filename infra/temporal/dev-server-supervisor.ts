/**
 * Keeps `npm start`'s Temporal dev server running. The server is a child process: a crash, the OOM
 * killer or a stray `kill -9` would otherwise leave the API up and answering 503 for ever. When it ends
 * on its own, it is started again on the same ports and the same database file — the workflows are in
 * that file, so they resume — after a delay that doubles with each failed attempt (1 s, 2 s, 4 s … 30 s)
 * and starts over once the server has stayed up for a minute. Every exit and restart is logged. After
 * too many failed attempts in a row supervision gives up and says so, and the caller stops the whole
 * process, so that a supervisor of its own (systemd, a container runtime) can take over.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { RunningDevServer } from './dev-server';

export interface SupervisionPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** A server that ran this long before it ended starts the delays over. */
  readonly stableAfterMs: number;
  /** Failed restarts in a row before giving up. */
  readonly maxFailedRestarts: number;
}

export const defaultSupervisionPolicy: SupervisionPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxFailedRestarts: 10,
};

export interface SupervisorOptions {
  /** Starts the server (the same ports and files each time); rejects when it does not become ready. */
  readonly launch: () => Promise<RunningDevServer>;
  readonly log: (line: string) => void;
  readonly policy?: SupervisionPolicy;
  /** Injected by unit tests; a real, abortable delay otherwise. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly now?: () => number;
}

export interface SupervisedDevServer {
  /** The server running now (it changes with each restart); its address and ports never do. */
  readonly current: RunningDevServer;
  /** Settles with the last failure when supervision gives up; never while it runs. */
  readonly gaveUp: Promise<Error>;
  /** Stops supervising and stops the server. */
  stop(): Promise<void>;
}

/** Starts the server once (a failure there is the caller's), then watches and restarts it. */
export async function superviseDevServer(options: SupervisorOptions): Promise<SupervisedDevServer> {
  const policy = options.policy ?? defaultSupervisionPolicy;
  const sleep = options.sleep ?? abortableDelay;
  const now = options.now ?? Date.now;
  const stopping = new AbortController();
  let current = await options.launch();
  let startedAt = now();
  if (current.stoppedOrphan !== undefined)
    options.log(
      `Stopped the Temporal dev server an earlier start left running (pid ${current.stoppedOrphan})`,
    );
  options.log(`Temporal dev server running at ${current.address} (pid ${current.pid ?? 'unknown'})`);

  const watch = async (): Promise<Error> => {
    let nextDelay = policy.firstDelayMs;
    for (;;) {
      const how = await current.exited;
      if (stopping.signal.aborted) return new Error('stopped');
      const downSince = now();
      if (downSince - startedAt >= policy.stableAfterMs) nextDelay = policy.firstDelayMs;
      options.log(
        `Temporal dev server (pid ${current.pid ?? 'unknown'}) ended unexpectedly (${how}); ` +
          `restarting in ${seconds(nextDelay)}. Meanwhile the API answers 503 and the worker waits.`,
      );
      let failures = 0;
      for (;;) {
        await sleep(nextDelay, stopping.signal);
        if (stopping.signal.aborted) return new Error('stopped');
        nextDelay = Math.min(nextDelay * 2, policy.maxDelayMs);
        try {
          current = await options.launch();
          startedAt = now();
          if (stopping.signal.aborted) {
            // Stopped while this restart was under way: the new server goes too.
            await current.stop();
            return new Error('stopped');
          }
          options.log(
            `Temporal dev server restarted at ${current.address} (pid ${current.pid ?? 'unknown'}), ` +
              `${seconds(startedAt - downSince)} after it ended; workflows resume from its database.`,
          );
          break;
        } catch (error) {
          failures += 1;
          const reason = error instanceof Error ? error : new Error(String(error));
          if (failures >= policy.maxFailedRestarts) {
            options.log(
              `Temporal dev server could not be restarted (${failures} attempts): ${firstLine(reason)}. Giving up.`,
            );
            return reason;
          }
          options.log(
            `Temporal dev server restart ${failures} failed: ${firstLine(reason)}; next attempt in ${seconds(nextDelay)}.`,
          );
        }
      }
    }
  };

  const watching = watch();
  return {
    get current() {
      return current;
    },
    gaveUp: watching.then((outcome) =>
      stopping.signal.aborted ? new Promise<Error>(() => undefined) : outcome,
    ),
    stop: async () => {
      stopping.abort();
      await current.stop();
      await watching;
    },
  };
}

async function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0] ?? error.message;
}

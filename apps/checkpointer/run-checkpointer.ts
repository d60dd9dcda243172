/**
 * The periodic checkpointer over an open store, as `npm run checkpointer` runs it on its own and
 * `npm start` runs it in-process when given a key (apps/start.ts says what that costs).
 */
import type { AuditConfig } from '../../infra/audit/audit-config';
import { chainedLog } from '../../audit/export/bundle-export';
import { loadSigningKey } from '../../infra/audit/keys';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { type LedgerPlace, openCheckpointSinks } from './checkpoint-sinks';
import {
  checkpointRound,
  describeRound,
  type RoundResult,
  runPeriodicCheckpoints,
  sleepUnlessAborted,
} from './periodic-checkpointer';

export interface StartCheckpointerOptions {
  readonly store: Pick<EventStore, 'kind' | 'chained'>;
  readonly audit: AuditConfig;
  /** The ledger's client and programme, when the caller has them; otherwise from the system's settings. */
  readonly ledger?: LedgerPlace;
  readonly now?: () => Date;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly log?: (line: string) => void;
  readonly onRound?: (result: RoundResult) => void;
}

export interface RunningCheckpointer {
  /** Where the checkpoints go, for banners. */
  readonly sinks: string;
  /** The key it signs with when it starts (rotating it takes effect at the next round). */
  readonly keyId: string;
  readonly everyMs: number;
  /** The interval for people: `15 min`. */
  readonly every: string;
  /** Finishes the round under way, stops the schedule and closes what it opened. */
  stop(): Promise<void>;
  /** Settles when the schedule has stopped. */
  readonly stopped: Promise<void>;
}

export async function startCheckpointer(options: StartCheckpointerOptions): Promise<RunningCheckpointer> {
  const { audit } = options;
  // Fails at once, before anything runs, when there is no usable key.
  const { keyId } = loadSigningKey(audit.signingKeyFile);
  const log = chainedLog(options.store);
  const sinks = await openCheckpointSinks(audit, options.ledger);
  const now = options.now ?? (() => new Date());
  const print = options.log ?? ((line: string) => console.log(line));
  const controller = new AbortController();
  const schedule = runPeriodicCheckpoints({
    everyMs: audit.checkpointEveryMs,
    round: checkpointRound({ log, sink: sinks.sink, config: audit, now }),
    sleep: options.sleep ?? sleepUnlessAborted,
    signal: controller.signal,
    onRound: (result) => {
      print(`${now().toISOString()} ${describeRound(result, sinks.sink)}`);
      options.onRound?.(result);
    },
  });
  const stopped = schedule.finally(() => sinks.close());
  return {
    sinks: sinks.sink.description,
    keyId,
    everyMs: audit.checkpointEveryMs,
    every: formatInterval(audit.checkpointEveryMs),
    stop: async () => {
      controller.abort();
      await stopped;
    },
    stopped,
  };
}

export function formatInterval(ms: number): string {
  const units = [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1_000, 's'],
  ] as const;
  for (const [size, unit] of units) {
    if (ms % size === 0) return `${ms / size} ${unit}`;
  }
  return `${ms} ms`;
}

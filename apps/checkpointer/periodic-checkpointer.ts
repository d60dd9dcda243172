/**
 * Seals the log on a schedule: a round at start, then one every interval until stopped. A round with
 * nothing new makes no checkpoint (audit/checkpoints/checkpointer.ts); a round that fails (the ledger out of
 * reach, a log that no longer verifies) is reported and the next round tries again.
 *
 * Time comes in: `sleep` and `now` are given, so tests drive the schedule without waiting.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { AuditConfig } from '../../infra/audit/audit-config';
import { checkpointsNamed } from '../../infra/audit/checkpoint';
import type { CheckpointSink } from '../../infra/audit/checkpoint-sink';
import { type CheckpointOutcome, makeCheckpoint } from '../../audit/checkpoints/checkpointer';
import type { ChainedLogReader } from '../../infra/event-store/event-store.port';
import { loadSigningKey, loadTrustedKeys } from '../../infra/audit/keys';

export type RoundResult =
  | { readonly ok: true; readonly outcome: CheckpointOutcome }
  | { readonly ok: false; readonly error: unknown };

export interface PeriodicCheckpointerOptions {
  readonly everyMs: number;
  /** One round: seal what is new. */
  readonly round: () => Promise<CheckpointOutcome>;
  /** Resolves after `ms`, or as soon as `signal` is aborted. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Stops the schedule; a round under way is finished first. */
  readonly signal: AbortSignal;
  readonly onRound: (result: RoundResult) => void;
}

export async function runPeriodicCheckpoints(options: PeriodicCheckpointerOptions): Promise<void> {
  while (!options.signal.aborted) {
    let result: RoundResult;
    try {
      result = { ok: true, outcome: await options.round() };
    } catch (error) {
      result = { ok: false, error };
    }
    options.onRound(result);
    if (options.signal.aborted) return;
    await options.sleep(options.everyMs, options.signal);
  }
}

/** The real clock's sleep: an abort ends it early, as the end of the schedule rather than an error. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
}

export interface CheckpointRoundOptions {
  readonly log: ChainedLogReader;
  readonly sink: CheckpointSink;
  readonly config: Pick<AuditConfig, 'signingKeyFile' | 'publicKeysDir'>;
  readonly now: () => Date;
}

/**
 * A round that reads the key and the trusted public keys afresh each time: pointing the key file at a
 * new key (rotation) takes effect at the next round, and a key that cannot be read fails that round.
 */
export function checkpointRound(options: CheckpointRoundOptions): () => Promise<CheckpointOutcome> {
  return () =>
    makeCheckpoint({
      log: options.log,
      sink: options.sink,
      key: loadSigningKey(options.config.signingKeyFile),
      trustedKeys: loadTrustedKeys(options.config.publicKeysDir),
      now: options.now,
    });
}

/** One log line per round. */
export function describeRound(result: RoundResult, sink: CheckpointSink): string {
  if (!result.ok) {
    const { error } = result;
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? `[${String(error.code)}] ` : '';
    return `Checkpoint failed: ${code}${error instanceof Error ? error.message : String(error)}`;
  }
  const { outcome } = result;
  if (outcome.made) {
    const { checkpoint } = outcome;
    return (
      `${checkpointsNamed(outcome.checkpoints)}: ${checkpoint.count} events up to position ${checkpoint.upToPosition}, ` +
      `log digest ${checkpoint.logDigest.slice(0, 16)}…, signed by ${checkpoint.keyId}, kept in ${sink.description}`
    );
  }
  return outcome.latest === undefined
    ? 'Nothing to seal: the log is empty'
    : `Nothing new since checkpoint ${outcome.latest.sequence} (up to position ${outcome.latest.upToPosition})`;
}

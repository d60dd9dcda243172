/**
 * Makes checkpoints. Its own component, holding the one private key in the system: the API and the worker
 * write the log but never read AUDIT_SIGNING_KEY_FILE, so a compromised writer cannot sign what it
 * rewrote. `npm run checkpointer` runs it on a schedule (apps/checkpointer/), `npm run audit -- checkpoint`
 * once; from one place at a time.
 *
 * Before it signs, it checks what it is about to seal with the verification engine: the new events'
 * content hashes, their stream links (looking up the last event before the range of each stream that
 * continues), positions and log hashes. It refuses to sign a log that is already broken, so a signature
 * never vouches for tampering done before it.
 */
import type { ChainedLogReader, ChainedRecordedEvent } from '../../infra/event-store/event-store.port';
import { AuditError } from '../../domain/audit/audit.errors';
import {
  type Checkpoint,
  checkpointDigest,
  type CheckpointToSign,
  logHashPrefix,
  MAX_EVENTS_PER_CHECKPOINT,
  NO_PREVIOUS_CHECKPOINT,
  signCheckpoint,
} from '../../infra/audit/checkpoint';
import type { CheckpointSink } from '../../infra/audit/checkpoint-sink';
import type { Finding } from '../../domain/audit/findings';
import type { SigningKey, TrustedKeys } from '../../infra/audit/keys';
import { DEFAULT_PAGE_SIZE, readPages } from '../shared/log-pages';
import { checkpointDefects, GENESIS, LogVerifier } from '../shared/log-verifier';
import type { Progress } from '../shared/progress';

export interface CheckpointerOptions {
  readonly log: ChainedLogReader;
  readonly sink: CheckpointSink;
  readonly key: SigningKey;
  /** Keys of earlier checkpoints (after a rotation); the signing key's own public key is always trusted. */
  readonly trustedKeys?: TrustedKeys;
  readonly now: () => Date;
  readonly pageSize?: number;
  /** Events one checkpoint seals at most; default MAX_EVENTS_PER_CHECKPOINT (tests make it small). */
  readonly maxEventsPerCheckpoint?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export type CheckpointOutcome =
  /** `checkpoint` is the last of `checkpoints`: more than one when more was new than one may seal. */
  | { readonly made: true; readonly checkpoint: Checkpoint; readonly checkpoints: readonly Checkpoint[] }
  | { readonly made: false; readonly latest: Checkpoint | undefined };

export class CheckpointRefusedError extends AuditError {
  constructor(
    message: string,
    readonly findings: readonly Finding[],
  ) {
    super('CHECKPOINT_REFUSED', message);
    this.name = 'CheckpointRefusedError';
  }
}

/** What one checkpoint will seal, before it is signed. */
type Cut = Pick<CheckpointToSign, 'upToPosition' | 'count' | 'logDigest' | 'logHashPrefixes'>;

/**
 * Seals everything appended since the last checkpoint, in checkpoints of at most
 * `maxEventsPerCheckpoint` events each; makes none when nothing was.
 */
export async function makeCheckpoint(options: CheckpointerOptions): Promise<CheckpointOutcome> {
  const existing = await options.sink.readAll();
  checkExisting(existing, options);
  const latest = existing.at(-1);
  const start =
    latest === undefined
      ? GENESIS
      : { afterPosition: BigInt(latest.upToPosition), logDigest: latest.logDigest, count: latest.count };

  const verifier = new LogVerifier({
    gapFreePositions: options.log.gapFreePositions,
    checkpoints: [],
    trustedKeys: new Map(),
    start,
  });
  const lastPosition = await options.log.lastPosition();
  const perCheckpoint = options.maxEventsPerCheckpoint ?? MAX_EVENTS_PER_CHECKPOINT;
  const cuts: Cut[] = [];
  let prefixes: string[] = [];
  const cut = (): void => {
    const head = verifier.head;
    cuts.push({
      upToPosition: head.afterPosition.toString(),
      count: head.count,
      logDigest: head.logDigest,
      logHashPrefixes: prefixes.join(''),
    });
    prefixes = [];
  };
  let entries = 0;
  for await (const page of readPages(
    options.log,
    start.afterPosition,
    options.pageSize ?? DEFAULT_PAGE_SIZE,
  )) {
    await learnTips(options.log, verifier, page);
    for (const event of page) {
      verifier.check(event);
      prefixes.push(logHashPrefix(verifier.head.logDigest));
      if (prefixes.length === perCheckpoint) cut();
    }
    entries += page.length;
    options.onProgress?.({ entries, position: page.at(-1)?.globalPosition ?? 0n, lastPosition });
  }
  if (prefixes.length > 0) cut();
  const summary = verifier.finish();
  if (summary.findings.length > 0) {
    throw new CheckpointRefusedError(
      `Refusing to sign: ${summary.findings[0]?.message ?? 'the log is broken'} (${summary.findingCount} finding(s); run verify)`,
      summary.findings,
    );
  }
  if (entries === 0) return { made: false, latest };

  const createdAt = options.now().toISOString();
  // The store's schema as it is now: an upgrade runs while a store is opened and records itself in the
  // log, so what this round sealed already holds the event of any upgrade to this version.
  const schemaVersion = await options.log.schemaVersion();
  const made: Checkpoint[] = [];
  let previous = latest;
  for (const sealed of cuts) {
    const checkpoint = signCheckpoint(
      {
        sequence: existing.length + made.length + 1,
        ...sealed,
        schemaVersion,
        previousCheckpointDigest:
          previous === undefined ? NO_PREVIOUS_CHECKPOINT : checkpointDigest(previous),
        createdAt,
      },
      options.key,
    );
    // One at a time and in order: each sink refuses a checkpoint that does not follow the one before.
    await options.sink.append(checkpoint);
    made.push(checkpoint);
    previous = checkpoint;
  }
  return { made: true, checkpoint: made.at(-1)!, checkpoints: made };
}

/** The chain being extended must be intact: a checkpoint built on a forged one would vouch for it. */
function checkExisting(existing: readonly Checkpoint[], options: CheckpointerOptions): void {
  const keys = new Map(options.trustedKeys ?? []);
  keys.set(options.key.keyId, options.key.publicKey);
  const defects = checkpointDefects(existing, keys);
  if (defects.length > 0) {
    throw new CheckpointRefusedError(
      `Refusing to extend ${options.sink.description}: ${defects[0]?.message ?? 'its checkpoints are broken'}`,
      defects,
    );
  }
}

/** For each stream whose earlier events lie before the range, its last event before the range. */
async function learnTips(
  log: ChainedLogReader,
  verifier: LogVerifier,
  page: readonly ChainedRecordedEvent[],
): Promise<void> {
  const wanted = new Map<string, number>();
  const inPage = new Set<string>();
  for (const event of page) {
    // Only a stream's first event in the page can continue from before it.
    if (!inPage.has(event.stream) && verifier.needsTip(event))
      wanted.set(event.stream, event.streamVersion - 1);
    inPage.add(event.stream);
  }
  const tips = await Promise.all(
    [...wanted].map(([stream, version]) => log.readStream(stream, { fromVersion: version, maxCount: 1 })),
  );
  for (const [previous] of tips) {
    if (previous !== undefined) {
      verifier.knowTip(previous.stream, {
        version: previous.streamVersion,
        chainHash: previous.chainHash,
        position: previous.globalPosition,
      });
    }
  }
}

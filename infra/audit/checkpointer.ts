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
import type { ChainedLogReader, ChainedRecordedEvent } from '../event-store/event-store.port';
import { AuditError } from './audit.errors';
import { type Checkpoint, checkpointDigest, NO_PREVIOUS_CHECKPOINT, signCheckpoint } from './checkpoint';
import type { CheckpointSink } from './checkpoint-sink';
import type { Finding } from './findings';
import type { SigningKey, TrustedKeys } from './keys';
import { DEFAULT_PAGE_SIZE, readPages } from './log-pages';
import { checkpointDefects, GENESIS, LogVerifier } from './log-verifier';
import type { Progress } from './verify';

export interface CheckpointerOptions {
  readonly log: ChainedLogReader;
  readonly sink: CheckpointSink;
  readonly key: SigningKey;
  /** Keys of earlier checkpoints (after a rotation); the signing key's own public key is always trusted. */
  readonly trustedKeys?: TrustedKeys;
  readonly now: () => Date;
  readonly pageSize?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export type CheckpointOutcome =
  | { readonly made: true; readonly checkpoint: Checkpoint }
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

/** Seals everything appended since the last checkpoint; makes none when nothing was. */
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
  let entries = 0;
  for await (const page of readPages(
    options.log,
    start.afterPosition,
    options.pageSize ?? DEFAULT_PAGE_SIZE,
  )) {
    await learnTips(options.log, verifier, page);
    for (const event of page) verifier.check(event);
    entries += page.length;
    options.onProgress?.({ entries, position: page.at(-1)?.globalPosition ?? 0n, lastPosition });
  }
  const summary = verifier.finish();
  if (summary.findings.length > 0) {
    throw new CheckpointRefusedError(
      `Refusing to sign: ${summary.findings[0]?.message ?? 'the log is broken'} (${summary.findingCount} finding(s); run verify)`,
      summary.findings,
    );
  }
  if (entries === 0) return { made: false, latest };

  const checkpoint = signCheckpoint(
    {
      sequence: existing.length + 1,
      upToPosition: summary.lastPosition,
      count: summary.count,
      logDigest: summary.logDigest,
      previousCheckpointDigest: latest === undefined ? NO_PREVIOUS_CHECKPOINT : checkpointDigest(latest),
      createdAt: options.now().toISOString(),
    },
    options.key,
  );
  await options.sink.append(checkpoint);
  return { made: true, checkpoint };
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

import { generateKeyPairSync } from 'node:crypto';
import type { ChainedRecordedEvent } from '../../../infra/event-store/event-store.port';
import { chainHash, contentHash, GENESIS_HASH, logHash } from '../../../infra/event-store/event-hash';
import {
  type Checkpoint,
  type CheckpointBody,
  checkpointDigest,
  checkpointSigningText,
  FIRST_CHECKPOINT_FORMAT,
  logHashPrefix,
  signCheckpoint,
} from '../../../infra/audit/checkpoint';
import { keyIdOf, type SigningKey, signText } from '../../../infra/audit/keys';

export interface EventSpec {
  readonly stream: string;
  readonly type?: string;
  readonly data?: unknown;
  readonly occurredAt?: string;
}

/** A log as a SQL store would hold it: positions 1, 2, 3, …, every hash computed as the store does. */
export function buildLog(specs: readonly EventSpec[]): ChainedRecordedEvent[] {
  const tips = new Map<string, { version: number; chain: string }>();
  let log = GENESIS_HASH;
  return specs.map((spec, index) => {
    const tip = tips.get(spec.stream);
    const streamVersion = tip === undefined ? 0 : tip.version + 1;
    const position = BigInt(index + 1);
    const content = {
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      stream: spec.stream,
      streamVersion,
      type: spec.type ?? 'TownRated',
      data: spec.data ?? { year: 2018, rating: '良好', note: `event ${index + 1}` },
      metadata: { actor: { userId: 'u-1', seat: 'county-official' }, causationId: 'c', correlationId: 'r' },
      occurredAt: spec.occurredAt ?? `2018-01-${String((index % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    };
    const hashOfContent = contentHash(content);
    const chain = chainHash(tip?.chain ?? GENESIS_HASH, hashOfContent);
    log = logHash(log, position, chain);
    tips.set(spec.stream, { version: streamVersion, chain });
    return {
      ...content,
      globalPosition: position,
      recordedAt: content.occurredAt,
      contentHash: hashOfContent,
      chainHash: chain,
      logHash: log,
    };
  });
}

/** Round-robin events over `streams` streams. */
export function roundRobin(count: number, streams: number): EventSpec[] {
  return Array.from({ length: count }, (_, index) => ({ stream: `town-${index % streams}` }));
}

export function testSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** Checkpoints of `log` at the given positions, chained and signed as the checkpointer makes them. */
export function checkpointsOf(
  log: readonly ChainedRecordedEvent[],
  upTo: readonly number[],
  key: SigningKey,
): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const position of upTo) {
    const sealed = log.slice(0, position);
    const previous = checkpoints.at(-1);
    checkpoints.push(
      signCheckpoint(
        {
          sequence: checkpoints.length + 1,
          upToPosition: String(position),
          count: sealed.length,
          logDigest: sealed.at(-1)?.logHash ?? GENESIS_HASH,
          previousCheckpointDigest: previous === undefined ? GENESIS_HASH : checkpointDigest(previous),
          createdAt: '2018-02-01T00:00:00.000Z',
          logHashPrefixes: sealed
            .slice(previous?.count ?? 0)
            .map((event) => logHashPrefix(event.logHash!))
            .join(''),
        },
        key,
      ),
    );
  }
  return checkpoints;
}

/** The same checkpoints in the first format, as checkpointers made them before the prefixes. */
export function firstFormatCheckpointsOf(
  log: readonly ChainedRecordedEvent[],
  upTo: readonly number[],
  key: SigningKey,
): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const checkpoint of checkpointsOf(log, upTo, key)) {
    const previous = checkpoints.at(-1);
    const { logHashPrefixes: _prefixes, signature: _signature, ...rest } = checkpoint;
    const body: CheckpointBody = {
      ...rest,
      format: FIRST_CHECKPOINT_FORMAT,
      previousCheckpointDigest: previous === undefined ? GENESIS_HASH : checkpointDigest(previous),
    };
    checkpoints.push({ ...body, signature: signText(key, checkpointSigningText(body)) });
  }
  return checkpoints;
}

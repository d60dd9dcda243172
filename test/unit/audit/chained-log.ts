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
  PREFIXED_CHECKPOINT_FORMAT,
  signCheckpoint,
} from '../../../infra/audit/checkpoint';
import { SCHEMA_VERSION } from '../../../infra/event-store/sql/schema';
import { keyIdOf, type SigningKey, signText } from '../../../infra/audit/keys';
import { townDecider } from '../../../domain/town';

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
  return Array.from({ length: count }, (_, index) => ({
    stream: townDecider.streamOf(String(index % streams)),
  }));
}

export function testSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/**
 * Checkpoints of `log` at the given positions, chained and signed as the checkpointer makes them, each
 * naming the schema `schemaAt` gives for its last position (the current one by default).
 */
export function checkpointsOf(
  log: readonly ChainedRecordedEvent[],
  upTo: readonly number[],
  key: SigningKey,
  schemaAt: (position: number) => number = () => SCHEMA_VERSION,
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
          schemaVersion: schemaAt(position),
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
  return resigned(checkpointsOf(log, upTo, key), key, (checkpoint) => {
    const { logHashPrefixes: _prefixes, schemaVersion: _schema, ...rest } = checkpoint;
    return { ...rest, format: FIRST_CHECKPOINT_FORMAT };
  });
}

/** The same checkpoints in the second format, as checkpointers made them before they named the schema. */
export function prefixedFormatCheckpointsOf(
  log: readonly ChainedRecordedEvent[],
  upTo: readonly number[],
  key: SigningKey,
): Checkpoint[] {
  return resigned(checkpointsOf(log, upTo, key), key, (checkpoint) => {
    const { schemaVersion: _schema, ...rest } = checkpoint;
    return { ...rest, format: PREFIXED_CHECKPOINT_FORMAT };
  });
}

/** Each checkpoint reshaped, chained to the reshaped one before it, and signed again. */
function resigned(
  checkpoints: readonly Checkpoint[],
  key: SigningKey,
  reshape: (body: CheckpointBody) => CheckpointBody,
): Checkpoint[] {
  const made: Checkpoint[] = [];
  for (const { signature: _signature, ...checkpoint } of checkpoints) {
    const previous = made.at(-1);
    const body: CheckpointBody = {
      ...reshape(checkpoint),
      previousCheckpointDigest: previous === undefined ? GENESIS_HASH : checkpointDigest(previous),
    };
    made.push({ ...body, signature: signText(key, checkpointSigningText(body)) });
  }
  return made;
}

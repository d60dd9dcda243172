/**
 * A checkpoint seals the log up to a position: the log's running digest there, signed with a key the
 * log's writers do not hold, and chained to the checkpoint before it. Checkpoints are kept outside the
 * events table (checkpoint-sink.ts), so whoever can rewrite the table cannot rewrite what was sealed.
 * docs/decisions/0020-hash-chain-and-checkpoints.md.
 */
import { z } from 'zod';
import { canonicalJsonOf } from '../event-store/canonical-json';
import { GENESIS_HASH, sha256Hex } from '../event-store/event-hash';
import { AuditError } from '../../domain/audit/audit.errors';
import { type SigningKey, signText, type TrustedKeys, verifyText } from './keys';

/**
 * What checkpoints are made as: the log hash's prefix at every sealed event (decision 0074) and the
 * store's schema version (decision 0076).
 */
export const CHECKPOINT_FORMAT = 'towns-checkpoint/3';
/** Checkpoints made with the prefixes but before the schema version: still verified, never made any more. */
export const PREFIXED_CHECKPOINT_FORMAT = 'towns-checkpoint/2';
/** Checkpoints made before the prefixes (decision 0074): still verified, never made any more. */
export const FIRST_CHECKPOINT_FORMAT = 'towns-checkpoint/1';

/** Hex digits of each sealed event's log hash a checkpoint carries (decision 0074). */
export const LOG_HASH_PREFIX_LENGTH = 16;
/**
 * Events one checkpoint seals at most, so its prefixes stay within 64 KiB: far below Temporal's 512 KB
 * payload warning for the ledger's Update. A checkpointer with more to seal makes several in a round.
 */
export const MAX_EVENTS_PER_CHECKPOINT = 4096;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const logHashPrefixes = z.string().regex(new RegExp(`^(?:[0-9a-f]{${LOG_HASH_PREFIX_LENGTH}})*$`));

const checkpointSchema = z
  .object({
    format: z.enum([FIRST_CHECKPOINT_FORMAT, PREFIXED_CHECKPOINT_FORMAT, CHECKPOINT_FORMAT]),
    /** 1 for the first checkpoint of a log, then 2, 3, … */
    sequence: z.number().int().min(1),
    /** Global position of the last event sealed (decimal; "0" for an empty log). */
    upToPosition: z.string().regex(/^(0|[1-9][0-9]*)$/),
    /** Events in the log up to and including that position. */
    count: z.number().int().min(0),
    /** The log hash at `upToPosition` (event-hash.ts `logHash`), or 64 zeros for an empty log. */
    logDigest: hex64,
    /** `checkpointDigest` of the previous checkpoint, or 64 zeros for the first. */
    previousCheckpointDigest: hex64,
    createdAt: z.string().min(1),
    keyId: z.string().min(1),
    /**
     * From format 2: the first 16 hex digits of the log hash at every event this checkpoint seals (after
     * the previous checkpoint's, in log order), concatenated. What lets verification name the first event
     * that differs from what was sealed even when every stored hash was recomputed (decision 0074).
     */
    logHashPrefixes: logHashPrefixes.optional(),
    /**
     * From format 3: the schema version of the store the checkpointer sealed (its `schema vN`), which
     * verification holds against the upgrades the log records (decision 0076).
     */
    schemaVersion: z.number().int().min(1).optional(),
    /** Ed25519 over the UTF-8 canonical JSON (RFC 8785) of every other field, base64. */
    signature: z.string().min(1),
  })
  .refine(
    (checkpoint) =>
      (checkpoint.format !== FIRST_CHECKPOINT_FORMAT) === (checkpoint.logHashPrefixes !== undefined),
    {
      message: `${PREFIXED_CHECKPOINT_FORMAT} and later carry logHashPrefixes, ${FIRST_CHECKPOINT_FORMAT} does not`,
      path: ['logHashPrefixes'],
    },
  )
  .refine(
    (checkpoint) => (checkpoint.format === CHECKPOINT_FORMAT) === (checkpoint.schemaVersion !== undefined),
    {
      message: `${CHECKPOINT_FORMAT} carries schemaVersion, earlier formats do not`,
      path: ['schemaVersion'],
    },
  );

export type Checkpoint = z.infer<typeof checkpointSchema>;
export type CheckpointBody = Omit<Checkpoint, 'signature'>;

/** The text a checkpoint's signature and digest are over. */
export function checkpointSigningText(checkpoint: CheckpointBody): string {
  const body: CheckpointBody = {
    format: checkpoint.format,
    sequence: checkpoint.sequence,
    upToPosition: checkpoint.upToPosition,
    count: checkpoint.count,
    logDigest: checkpoint.logDigest,
    previousCheckpointDigest: checkpoint.previousCheckpointDigest,
    createdAt: checkpoint.createdAt,
    keyId: checkpoint.keyId,
    // Absent from the first format's text, so its signatures and digests stay what they were.
    ...(checkpoint.logHashPrefixes === undefined ? {} : { logHashPrefixes: checkpoint.logHashPrefixes }),
    // Likewise absent from the text of the formats before it.
    ...(checkpoint.schemaVersion === undefined ? {} : { schemaVersion: checkpoint.schemaVersion }),
  };
  return canonicalJsonOf(body) ?? '';
}

export function checkpointDigest(checkpoint: CheckpointBody): string {
  return sha256Hex(checkpointSigningText(checkpoint));
}

/** What a checkpoint signed now must say: everything but the format and key, prefixes and schema included. */
export type CheckpointToSign = Omit<
  CheckpointBody,
  'keyId' | 'format' | 'logHashPrefixes' | 'schemaVersion'
> & {
  readonly logHashPrefixes: string;
  readonly schemaVersion: number;
};

export function signCheckpoint(body: CheckpointToSign, key: SigningKey): Checkpoint {
  const unsigned: CheckpointBody = { format: CHECKPOINT_FORMAT, ...body, keyId: key.keyId };
  return { ...unsigned, signature: signText(key, checkpointSigningText(unsigned)) };
}

export type SignatureCheck = 'valid' | 'bad-signature' | 'unknown-key';

export function checkCheckpointSignature(checkpoint: Checkpoint, keys: TrustedKeys): SignatureCheck {
  const key = keys.get(checkpoint.keyId);
  if (key === undefined) return 'unknown-key';
  return verifyText(key, checkpointSigningText(checkpoint), checkpoint.signature) ? 'valid' : 'bad-signature';
}

/** "Checkpoint 7", or "Checkpoints 7 to 9" when one round sealed more than one may hold. */
export function checkpointsNamed(checkpoints: readonly Checkpoint[]): string {
  const first = checkpoints[0]?.sequence;
  const last = checkpoints.at(-1)?.sequence;
  return first === last ? `Checkpoint ${last}` : `Checkpoints ${first} to ${last}`;
}

/** The prefix of a log hash a checkpoint carries for one event. */
export function logHashPrefix(logHash: string): string {
  return logHash.slice(0, LOG_HASH_PREFIX_LENGTH);
}

/** The prefix `checkpoint` sealed for the `index`-th event after the previous checkpoint, if it carries one. */
export function sealedPrefixAt(checkpoint: Checkpoint, index: number): string | undefined {
  const start = index * LOG_HASH_PREFIX_LENGTH;
  const prefix = checkpoint.logHashPrefixes?.slice(start, start + LOG_HASH_PREFIX_LENGTH);
  return prefix === undefined || prefix === '' ? undefined : prefix;
}

/** What the first checkpoint of a log follows. */
export const NO_PREVIOUS_CHECKPOINT = GENESIS_HASH;

export function parseCheckpoint(value: unknown, where: string): Checkpoint {
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuditError(
      'CHECKPOINT_FILE_INVALID',
      `${where}: not a checkpoint (${issue === undefined ? 'invalid' : `${issue.path.join('.')}: ${issue.message}`})`,
    );
  }
  return parsed.data;
}

/** One checkpoint per line, as the JSON-lines sink and bundles store them. */
export function parseCheckpointLines(text: string, source: string): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new AuditError('CHECKPOINT_FILE_INVALID', `${source}:${index + 1}: not JSON`, { cause: error });
    }
    checkpoints.push(parseCheckpoint(value, `${source}:${index + 1}`));
  });
  return checkpoints;
}

/**
 * What the checkpoint ledger accepts: a well-formed checkpoint that extends the last one it holds. Pure,
 * so the validator, the handler and the unit tests run the same rule.
 *
 * The digest is recomputed here (SHA-256 over the RFC 8785 text of every field but the signature, as
 * infra/audit/checkpoint.ts computes it) rather than passed in: a caller could pass any digest, and the
 * chain is only worth recording if the ledger itself holds each link to the previous checkpoint.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../../domain/policy/policy-version';
import { type BilingualCatalogue, fillTemplate } from '../../domain/shared/bilingual-text';
import type { RefusalDetails } from '../../domain/shared/domain-refusal';
import {
  type KeyPinRequest,
  LEDGER_CHECKPOINT_FORMATS,
  LEDGER_PREFIX_LENGTH,
  type LedgerCheckpoint,
  type PinnedKey,
} from './checkpoint-ledger.messages';

/** What the first checkpoint of a log names as its previous one. */
export const NO_PREVIOUS_CHECKPOINT = '0'.repeat(64);

export const ledgerRefusals = {
  CHECKPOINT_MALFORMED: {
    zh: '不是有效的检查点：{problem}。',
    en: 'Not a valid checkpoint: {problem}.',
  },
  CHECKPOINT_CHAIN_BROKEN: {
    zh: '检查点 {sequence} 未衔接台账中的上一检查点（应为 {expected}）。',
    en: 'Checkpoint {sequence} does not follow the last checkpoint of the ledger (expected previous digest {expected}).',
  },
  CHECKPOINT_SEQUENCE_NOT_NEXT: {
    zh: '检查点序号应为 {expected}，收到 {sequence}。',
    en: 'The next checkpoint of the ledger is number {expected}, not {sequence}.',
  },
  CHECKPOINT_POSITION_NOT_AFTER: {
    zh: '检查点 {sequence} 封存至位置 {position}，未超过上一检查点的位置 {last}。',
    en: 'Checkpoint {sequence} seals up to position {position}, not after position {last} of the last checkpoint.',
  },
  CHECKPOINT_KEY_NOT_PINNED: {
    zh: '检查点 {sequence} 由密钥 {keyId} 签名，该密钥不在台账固定的密钥中。',
    en: 'Checkpoint {sequence} is signed with key {keyId}, which is not one of the keys this ledger pins.',
  },
  CHECKPOINT_SIGNATURE_INVALID: {
    zh: '检查点 {sequence} 的签名不是密钥 {keyId} 的有效签名。',
    en: 'Checkpoint {sequence} does not carry a valid signature of key {keyId}.',
  },
  CHECKPOINT_COUNT_BEHIND: {
    zh: '检查点 {sequence} 封存 {count} 个事件，不多于上一检查点的 {last} 个。',
    en: 'Checkpoint {sequence} seals {count} events, no more than the {last} of the last checkpoint.',
  },
  CHECKPOINT_PREFIXES_MISCOUNTED: {
    zh: '检查点 {sequence} 新封存 {sealed} 个事件，却带有 {prefixes} 个日志哈希前缀。',
    en: 'Checkpoint {sequence} seals {sealed} new events but carries {prefixes} log hash prefixes.',
  },
  KEY_PIN_MALFORMED: {
    zh: '不是有效的密钥固定请求：{problem}。',
    en: 'Not a valid request to pin a key: {problem}.',
  },
  KEY_PIN_LEDGER_UNPINNED: {
    zh: '该台账启动时未固定任何密钥，无法由已固定的密钥背书新密钥。',
    en: 'This ledger was started without pinned keys: there is no pinned key to endorse a new one.',
  },
  KEY_PIN_ENDORSER_NOT_PINNED: {
    zh: '背书密钥 {endorsedBy} 不在台账固定的密钥中。',
    en: 'The endorsing key {endorsedBy} is not one of the keys this ledger pins.',
  },
  KEY_PIN_ENDORSEMENT_INVALID: {
    zh: '对密钥 {keyId} 的背书不是密钥 {endorsedBy} 的有效签名。',
    en: 'The endorsement of key {keyId} is not a valid signature of key {endorsedBy}.',
  },
} as const satisfies BilingualCatalogue;

export type LedgerRefusalCode = keyof typeof ledgerRefusals;

const HEX64 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const PREFIXES = new RegExp(`^(?:[0-9a-f]{${LEDGER_PREFIX_LENGTH}})*$`);

/** The digest the next checkpoint names as `previousCheckpointDigest`. */
export function ledgerCheckpointDigest(checkpoint: LedgerCheckpoint): string {
  const { signature: _signature, ...body } = checkpoint;
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
}

/** The DER prefix of an Ed25519 public key's SPKI encoding; the raw key follows it. */
const ED25519_SPKI_PREFIX = '302a300506032b6570032100';

/** The key id infra/audit/keys.ts derives from a raw Ed25519 public key (hex). */
export function pinnedKeyId(publicKeyHex: string): string {
  return `ed25519-${bytesToHex(sha256(hexToBytes(ED25519_SPKI_PREFIX + publicKeyHex))).slice(0, 16)}`;
}

/** The pins that name their own key: a pin whose id is not its key's is ignored, never trusted. */
export function validPins(pins: readonly PinnedKey[]): ReadonlyMap<string, string> {
  return new Map(
    pins
      .filter((pin) => /^[0-9a-f]{64}$/.test(pin.publicKey) && pinnedKeyId(pin.publicKey) === pin.keyId)
      .map((pin) => [pin.keyId, pin.publicKey]),
  );
}

/**
 * Why `checkpoint` cannot follow `latest` (undefined: the ledger is empty), or undefined when it can.
 * With `pinned` keys, only a checkpoint one of them signed is accepted; without (a ledger started before
 * keys were pinned), signatures are left to verification.
 */
export function ledgerRefusal(
  latest: LedgerCheckpoint | undefined,
  checkpoint: LedgerCheckpoint,
  pinned?: ReadonlyMap<string, string>,
): RefusalDetails | undefined {
  const problem = malformation(checkpoint);
  if (problem !== undefined) return refusal('CHECKPOINT_MALFORMED', { problem });
  const { sequence } = checkpoint;
  if (pinned !== undefined) {
    const publicKey = pinned.get(checkpoint.keyId);
    if (publicKey === undefined) {
      return refusal('CHECKPOINT_KEY_NOT_PINNED', { sequence, keyId: checkpoint.keyId });
    }
    if (!signatureHolds(checkpoint, publicKey)) {
      return refusal('CHECKPOINT_SIGNATURE_INVALID', { sequence, keyId: checkpoint.keyId });
    }
  }
  const follows = latest === undefined ? NO_PREVIOUS_CHECKPOINT : ledgerCheckpointDigest(latest);
  if (checkpoint.previousCheckpointDigest !== follows) {
    return refusal('CHECKPOINT_CHAIN_BROKEN', { sequence, expected: follows });
  }
  const expected = (latest?.sequence ?? 0) + 1;
  if (sequence !== expected) return refusal('CHECKPOINT_SEQUENCE_NOT_NEXT', { sequence, expected });
  if (latest === undefined) return prefixesMiscounted(latest, checkpoint);
  if (BigInt(checkpoint.upToPosition) <= BigInt(latest.upToPosition)) {
    return refusal('CHECKPOINT_POSITION_NOT_AFTER', {
      sequence,
      position: checkpoint.upToPosition,
      last: latest.upToPosition,
    });
  }
  // A later position holds at least one more event.
  if (checkpoint.count <= latest.count) {
    return refusal('CHECKPOINT_COUNT_BEHIND', { sequence, count: checkpoint.count, last: latest.count });
  }
  return prefixesMiscounted(latest, checkpoint);
}

/** A checkpoint of format 2 carries one prefix per event it seals beyond the last checkpoint's. */
function prefixesMiscounted(
  latest: LedgerCheckpoint | undefined,
  checkpoint: LedgerCheckpoint,
): RefusalDetails | undefined {
  if (checkpoint.logHashPrefixes === undefined) return undefined;
  const sealed = checkpoint.count - (latest?.count ?? 0);
  const prefixes = checkpoint.logHashPrefixes.length / LEDGER_PREFIX_LENGTH;
  if (prefixes === sealed) return undefined;
  return refusal('CHECKPOINT_PREFIXES_MISCOUNTED', { sequence: checkpoint.sequence, sealed, prefixes });
}

/** Ed25519 over the same canonical text the checkpointer signs (every field but the signature). */
function signatureHolds(checkpoint: LedgerCheckpoint, publicKeyHex: string): boolean {
  const { signature, ...body } = checkpoint;
  return verifies(publicKeyHex, canonicalJson(body), signature);
}

function verifies(publicKeyHex: string, text: string, signature: string): boolean {
  try {
    return ed25519().verify(base64Bytes(signature), utf8ToBytes(text), hexToBytes(publicKeyHex));
  } catch {
    return false;
  }
}

/**
 * The text a pinned key signs to endorse another for this ledger's programme: bound to the programme, so
 * an endorsement cannot be replayed to another ledger.
 */
export function keyPinText(programmeId: string, key: PinnedKey): string {
  return canonicalJson({
    purpose: 'towns-checkpoint-key-pin/1',
    programmeId,
    keyId: key.keyId,
    publicKey: key.publicKey,
  });
}

/**
 * Why `request` cannot pin its key on the ledger of `programmeId` that pins `pinned` (undefined: a ledger
 * started before keys were pinned), or undefined when it can. Pinning a key already pinned is allowed and
 * changes nothing, so a retried request is harmless.
 */
export function keyPinRefusal(
  pinned: ReadonlyMap<string, string> | undefined,
  programmeId: string,
  request: KeyPinRequest,
): RefusalDetails | undefined {
  // The payload comes from outside the workflow: its declared type is not a guarantee.
  const value = request as unknown as Partial<Record<keyof KeyPinRequest, unknown>> | null;
  const key = value?.key as Partial<Record<keyof PinnedKey, unknown>> | null | undefined;
  if (typeof key?.keyId !== 'string' || typeof key.publicKey !== 'string') {
    return refusal('KEY_PIN_MALFORMED', { problem: 'key is not a key id and a public key' });
  }
  if (typeof value?.endorsedBy !== 'string' || typeof value.endorsement !== 'string') {
    return refusal('KEY_PIN_MALFORMED', { problem: 'endorsedBy or endorsement is missing' });
  }
  if (validPins([request.key]).size === 0) {
    return refusal('KEY_PIN_MALFORMED', { problem: 'the key id is not the one its public key derives' });
  }
  if (pinned === undefined) return refusal('KEY_PIN_LEDGER_UNPINNED', {});
  const endorser = pinned.get(request.endorsedBy);
  if (endorser === undefined) {
    return refusal('KEY_PIN_ENDORSER_NOT_PINNED', { endorsedBy: request.endorsedBy });
  }
  if (!verifies(endorser, keyPinText(programmeId, request.key), request.endorsement)) {
    return refusal('KEY_PIN_ENDORSEMENT_INVALID', {
      keyId: request.key.keyId,
      endorsedBy: request.endorsedBy,
    });
  }
  return undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (as Node writes signatures) to bytes; the sandbox has no Buffer or atob to rely on. */
function base64Bytes(text: string): Uint8Array {
  const body = text.replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(body)) throw new Error('not base64');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of body) {
    value = (value << 6) | BASE64.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function malformation(value: LedgerCheckpoint): string | undefined {
  // The payload comes from outside the workflow: its declared type is not a guarantee.
  const checkpoint = value as unknown as Partial<Record<keyof LedgerCheckpoint, unknown>>;
  if (typeof checkpoint !== 'object' || checkpoint === null) return 'not an object';
  const formats: readonly unknown[] = LEDGER_CHECKPOINT_FORMATS;
  if (!formats.includes(checkpoint.format))
    return `format is not one of ${LEDGER_CHECKPOINT_FORMATS.join(', ')}`;
  if (!isCount(checkpoint.sequence) || checkpoint.sequence < 1) return 'sequence is not a positive integer';
  if (typeof checkpoint.upToPosition !== 'string' || !DECIMAL.test(checkpoint.upToPosition)) {
    return 'upToPosition is not a decimal position';
  }
  if (!isCount(checkpoint.count)) return 'count is not a whole number';
  for (const field of ['logDigest', 'previousCheckpointDigest'] as const) {
    const digest = checkpoint[field];
    if (typeof digest !== 'string' || !HEX64.test(digest)) return `${field} is not 64 hex digits`;
  }
  for (const field of ['createdAt', 'keyId', 'signature'] as const) {
    const text = checkpoint[field];
    if (typeof text !== 'string' || text === '') return `${field} is missing`;
  }
  const prefixed = checkpoint.format !== LEDGER_CHECKPOINT_FORMATS[0];
  if (prefixed !== (checkpoint.logHashPrefixes !== undefined)) {
    return prefixed
      ? 'logHashPrefixes is missing'
      : `logHashPrefixes is not part of ${String(checkpoint.format)}`;
  }
  if (
    prefixed &&
    (typeof checkpoint.logHashPrefixes !== 'string' || !PREFIXES.test(checkpoint.logHashPrefixes))
  ) {
    return `logHashPrefixes is not a run of ${LEDGER_PREFIX_LENGTH}-digit hex prefixes`;
  }
  const namesSchema = checkpoint.format === LEDGER_CHECKPOINT_FORMATS[2];
  if (namesSchema !== (checkpoint.schemaVersion !== undefined)) {
    return namesSchema
      ? 'schemaVersion is missing'
      : `schemaVersion is not part of ${String(checkpoint.format)}`;
  }
  if (namesSchema && (!isCount(checkpoint.schemaVersion) || checkpoint.schemaVersion < 1)) {
    return 'schemaVersion is not a positive integer';
  }
  const extra = Object.keys(checkpoint).filter((key) => !CHECKPOINT_FIELDS.has(key));
  if (extra.length > 0) return `unknown field ${extra.join(', ')}`;
  return undefined;
}

const CHECKPOINT_FIELDS: ReadonlySet<string> = new Set<keyof LedgerCheckpoint>([
  'format',
  'sequence',
  'upToPosition',
  'count',
  'logDigest',
  'previousCheckpointDigest',
  'createdAt',
  'keyId',
  'logHashPrefixes',
  'schemaVersion',
  'signature',
]);

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function refusal(code: LedgerRefusalCode, details: Record<string, string | number>): RefusalDetails {
  return {
    code,
    messageZh: fillTemplate(ledgerRefusals[code].zh, details),
    messageEn: fillTemplate(ledgerRefusals[code].en, details),
    details,
  };
}

/**
 * The curve, loaded the first time a signature is checked: every workflow in the sandbox would otherwise
 * evaluate its own copy of it, though only the ledgers check signatures (decision 0131).
 */
function ed25519(): (typeof import('@noble/curves/ed25519'))['ed25519'] {
  return (require('@noble/curves/ed25519') as typeof import('@noble/curves/ed25519')).ed25519;
}

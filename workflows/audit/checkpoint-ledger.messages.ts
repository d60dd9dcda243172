import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { WorkflowLimits } from '../shared/continue-as-new';

/**
 * Defined once, imported by the workflow and by its callers. infra/ may not import workflows/, so the
 * checkpoint sink over this ledger (infra/audit/temporal-checkpoint-sink.ts) is given these names by
 * apps/checkpointer/checkpoint-sinks.ts, which also holds the two checkpoint types to the same shape.
 */

/**
 * The checkpoint formats the ledger records: the first, the one with log hash prefixes (0074), and the
 * one that also names the store's schema (0076).
 */
export const LEDGER_CHECKPOINT_FORMATS = [
  'towns-checkpoint/1',
  'towns-checkpoint/2',
  'towns-checkpoint/3',
] as const;

/** Hex digits per sealed event in `logHashPrefixes`. */
export const LEDGER_PREFIX_LENGTH = 16;

/** A signed checkpoint as infra/audit/checkpoint.ts makes it. */
export interface LedgerCheckpoint {
  readonly format: (typeof LEDGER_CHECKPOINT_FORMATS)[number];
  readonly sequence: number;
  readonly upToPosition: string;
  readonly count: number;
  readonly logDigest: string;
  readonly previousCheckpointDigest: string;
  readonly createdAt: string;
  readonly keyId: string;
  /** From format 2: the log hash's first 16 hex digits at every event sealed since the last checkpoint. */
  readonly logHashPrefixes?: string;
  /** From format 3: the schema version of the store sealed. */
  readonly schemaVersion?: number;
  readonly signature: string;
}

/** What the next run needs to go on validating: the last checkpoint, and how many came before. */
export interface LedgerContinuation {
  readonly latest: LedgerCheckpoint;
  readonly recorded: number;
}

/** A checkpointer's public key the ledger accepts signatures of (docs/decisions/0073). */
export interface PinnedKey {
  /** `ed25519-` and 16 hex digits of the SHA-256 of the key's SPKI encoding (infra/audit/keys.ts). */
  readonly keyId: string;
  /** The raw 32-byte Ed25519 public key, in hex. */
  readonly publicKey: string;
}

export interface CheckpointLedgerInput {
  readonly programmeId: string;
  /**
   * The only keys whose checkpoints the ledger records, fixed when it starts and carried across
   * continue-as-new. Absent on ledgers started before keys were pinned, which check no signature.
   */
  readonly pinnedKeys?: readonly PinnedKey[];
  readonly continued?: LedgerContinuation;
  readonly limits?: WorkflowLimits;
}

/** The ledger's answer to a recorded checkpoint. */
export interface RecordedCheckpoint {
  readonly sequence: number;
  /** SHA-256 of the checkpoint's canonical body: what the next checkpoint must name as its previous. */
  readonly checkpointDigest: string;
  /** Checkpoints in the ledger, over all its runs. */
  readonly recorded: number;
}

export interface LedgerView {
  readonly programmeId: string;
  readonly recorded: number;
  readonly latest: LedgerCheckpoint | null;
  /** The checkpoints recorded by this run only; every run's are in the workflow's history. */
  readonly recordedThisRun: readonly LedgerCheckpoint[];
  /** The keys whose checkpoints it accepts; null on a ledger started before keys were pinned. */
  readonly pinnedKeyIds: readonly string[] | null;
}

export const recordCheckpointUpdate = defineUpdate<RecordedCheckpoint, [LedgerCheckpoint]>(
  'recordCheckpoint',
);

/**
 * A key to pin on a running ledger (rotation, docs/decisions/0075): the new key, endorsed by a key the
 * ledger already pins — an Ed25519 signature over `keyPinText` (checkpoint-ledger-rules.ts).
 */
export interface KeyPinRequest {
  readonly key: PinnedKey;
  /** The id of the pinned key that signed the endorsement. */
  readonly endorsedBy: string;
  /** Base64 Ed25519 signature of the endorsing key over `keyPinText(programmeId, key)`. */
  readonly endorsement: string;
}

export interface PinnedKeyAnswer {
  readonly keyId: string;
  /** The keys the ledger now pins. */
  readonly pinnedKeyIds: readonly string[];
}

export const pinKeyUpdate = defineUpdate<PinnedKeyAnswer, [KeyPinRequest]>('pinKey');

export const ledgerViewQuery = defineQuery<LedgerView>('ledgerView');

/** The workflow's registered name (its function's name), for callers that start it by name. */
export const checkpointLedgerWorkflowType = 'checkpointLedgerWorkflow';

export function checkpointLedgerWorkflowId(programmeId: string): string {
  return `checkpoint-ledger-${programmeId}`;
}

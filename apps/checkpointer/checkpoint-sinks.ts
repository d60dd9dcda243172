/**
 * The checkpoint sinks AUDIT_CHECKPOINT_SINKS names, built for the checkpointer and the audit commands:
 * the JSON-lines file and the checkpoint ledger workflow, whose names come from its messages file here
 * because infra/ may not import workflows/.
 */
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { AuditConfig } from '../../infra/audit/audit-config';
import { AuditError } from '../../domain/audit/audit.errors';
import type { Checkpoint } from '../../infra/audit/checkpoint';
import { type CheckpointSink, teeCheckpointSinks } from '../../infra/audit/checkpoint-sink';
import { JsonLinesCheckpointSink } from '../../infra/audit/jsonl-checkpoint-sink';
import { loadSigningKey, loadTrustedKeys } from '../../infra/audit/keys';
import { TemporalReplayError } from '../../infra/audit/temporal-replay-errors';
import {
  type CheckpointLedgerAddress,
  TemporalCheckpointSink,
} from '../../infra/audit/temporal-checkpoint-sink';
import {
  type CheckpointLedgerInput,
  checkpointLedgerWorkflowId,
  checkpointLedgerWorkflowType,
  type LedgerCheckpoint,
  type PinnedKey,
  recordCheckpointUpdate,
} from '../../workflows/audit/checkpoint-ledger.messages';

/**
 * The ledger records what the checkpointer signs, field for field: this fails to compile the day the two
 * types stop having the same shape.
 */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checkpointShapesAgree: SameShape<LedgerCheckpoint, Checkpoint> = true;
void checkpointShapesAgree;

/** Where the programme's ledger runs: a client of the cluster, the worker's task queue, the programme. */
export interface LedgerPlace {
  readonly client: Client;
  readonly taskQueue: string;
  readonly programmeId: string;
}

export function checkpointLedgerAddress(
  programmeId: string,
  taskQueue: string,
  pinnedKeys?: readonly PinnedKey[],
): CheckpointLedgerAddress {
  // Without pins (tests of ledgers started before keys were pinned), the ledger checks no signature.
  const startInput: CheckpointLedgerInput =
    pinnedKeys === undefined ? { programmeId } : { programmeId, pinnedKeys };
  return {
    workflowId: checkpointLedgerWorkflowId(programmeId),
    workflowType: checkpointLedgerWorkflowType,
    taskQueue,
    startInput,
    recordUpdate: recordCheckpointUpdate.name,
  };
}

export interface ConfiguredSinks {
  /** Each sink, in the configured order. */
  readonly sinks: readonly CheckpointSink[];
  /** All of them as one: written to in order, read from the first. */
  readonly sink: CheckpointSink;
  close(): Promise<void>;
}

/**
 * Builds the configured sinks. The ledger is reached through `ledger` when the caller has a client
 * (`npm start`), otherwise through a connection opened here from the system's Temporal settings (or
 * `npm start`'s dev server) and closed by `close`. A ledger that cannot be reached is still a sink: it
 * fails when written or read, so a checkpoint round fails and verification reports the record unread —
 * never a record silently left out.
 */
export async function openCheckpointSinks(
  config: AuditConfig,
  ledger?: LedgerPlace,
): Promise<ConfiguredSinks> {
  let connection: { close(): Promise<void> } | undefined;
  const sinks: CheckpointSink[] = [];
  for (const kind of config.checkpointSinks) {
    switch (kind) {
      case 'file':
        sinks.push(new JsonLinesCheckpointSink(config.checkpointDir));
        break;
      case 'temporal': {
        let place = ledger;
        if (place === undefined) {
          const connected = await connectToLedger().catch((error: unknown) => error as Error);
          if (connected instanceof Error) {
            sinks.push(unreachableSink('the checkpoint ledger', withLedgerHint(connected)));
            break;
          }
          connection = connected;
          place = connected.place;
        }
        sinks.push(
          new TemporalCheckpointSink({
            client: place.client,
            ledger: checkpointLedgerAddress(place.programmeId, place.taskQueue, pinnedKeysOf(config)),
          }),
        );
        break;
      }
    }
  }
  const [primary, ...copies] = sinks;
  if (primary === undefined) throw new AuditError('AUDIT_CONFIG_INVALID', 'No checkpoint sink is configured');
  return {
    sinks,
    sink: teeCheckpointSinks(primary, ...copies),
    close: async () => {
      await connection?.close();
    },
  };
}

/**
 * The keys a ledger started by this checkpointer pins: its own, and every trusted public key (so the key
 * it will rotate to can be trusted, and pinned, before the ledger starts). docs/decisions/0073.
 */
export function pinnedKeysOf(config: Pick<AuditConfig, 'signingKeyFile' | 'publicKeysDir'>): PinnedKey[] {
  const keys = new Map(loadTrustedKeys(config.publicKeysDir));
  if (config.signingKeyFile !== undefined && existsSync(config.signingKeyFile)) {
    const own = loadSigningKey(config.signingKeyFile);
    keys.set(own.keyId, own.publicKey);
  }
  return [...keys].map(([keyId, key]) => pinOf(keyId, key));
}

/** A public key as the ledger pins it: its id and the raw key in hex. */
export function pinOf(keyId: string, publicKey: KeyObject): PinnedKey {
  return {
    keyId,
    publicKey: Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString('hex'),
  };
}

/**
 * The programme's checkpoint ledger as the audit jobs read it: the same record the CLI's `verify` reads,
 * addressed by its id. It is never looked for in visibility — a ledger that was never started (the
 * checkpoints so far went to the file alone) is not listed, and a record left out because it was not
 * found would let verification pass on the file alone; read by its id, it is an empty record. A
 * programme that cannot be told makes the ledger unreadable, which verification reports.
 */
export async function programmeLedger(
  client: Client,
  taskQueue: string,
  programmeId: () => Promise<string>,
): Promise<CheckpointSink> {
  const known = await programmeId().catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  if (known instanceof Error) return unreachableSink('the checkpoint ledger', known);
  return new TemporalCheckpointSink({ client, ledger: checkpointLedgerAddress(known, taskQueue) });
}

/**
 * No server for the ledger: most often `npm start`'s dev server, stopped so that the audit CLI may open
 * the embedded store. Then the file alone can be written and read, and the answer says how.
 */
function withLedgerHint(error: Error): Error {
  if (!(error instanceof TemporalReplayError && error.code === 'TEMPORAL_UNAVAILABLE')) return error;
  return new TemporalReplayError(
    error.code,
    `${error.message} The checkpoint ledger is kept on that server; with the embedded store and ` +
      '`npm start` stopped, set AUDIT_CHECKPOINT_SINKS=file to keep to the checkpoint file (README, "Auditing").',
    { cause: error },
  );
}

/** A configured sink that could not be opened: every use fails with the reason. */
function unreachableSink(description: string, reason: Error): CheckpointSink {
  const fail = () => Promise.reject(reason);
  return { description, append: fail, readAll: fail };
}

/**
 * The system's own Temporal settings and programme (the one `npm start` runs, kept in its data
 * directory). Loaded only when the ledger is configured, so commands that do not need it never read them.
 * Without TEMPORAL_ADDRESS, the dev server `npm start` runs on this machine, as `replay` finds it.
 */
export async function connectToLedger(): Promise<{ readonly place: LedgerPlace; close(): Promise<void> }> {
  const { loadConfig } = await import('../../infra/config/app-config');
  const { chooseProgramme } = await import('../../infra/config/programme-choice');
  const { connectReplayClient } = await import('../../infra/audit/temporal-replay-connection');
  const config = loadConfig();
  // The programme the system keeps in its data directory (PROGRAMME_FILE), never one of today's making.
  const { record } = await chooseProgramme({ config, mayChooseNew: false });
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`;
  const temporal = await connectReplayClient(address, config.temporal.namespace, config.temporal.security);
  return {
    place: {
      client: temporal.client,
      taskQueue: config.temporal.taskQueue,
      programmeId: record.programmeId,
    },
    close: () => temporal.close(),
  };
}

import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { continueAsNewDue } from '../shared/continue-as-new';
import { refusalFailure } from '../shared/refusal-failure';
import { keyPinRefusal, ledgerCheckpointDigest, ledgerRefusal, validPins } from './checkpoint-ledger-rules';
import {
  type CheckpointLedgerInput,
  type KeyPinRequest,
  type LedgerCheckpoint,
  ledgerViewQuery,
  type PinnedKey,
  type PinnedKeyAnswer,
  pinKeyUpdate,
  type RecordedCheckpoint,
  recordCheckpointUpdate,
} from './checkpoint-ledger.messages';

/**
 * A second record of the log's checkpoints, kept in this workflow's history on the Temporal cluster,
 * where the event store's administrator cannot rewrite it together with the events table
 * (docs/decisions/0023-checkpoint-ledger-and-periodic-checkpointer.md). Each accepted Update is the
 * record; the history, over every run, is what verification reads back. It writes nothing anywhere else.
 */
export async function checkpointLedgerWorkflow(input: CheckpointLedgerInput): Promise<void> {
  const { programmeId, limits } = input;
  // Pinned at start, or later by a pinned key's endorsement, and carried on: a checkpoint signed by any
  // other key is refused by the validator.
  let pinnedKeys: readonly PinnedKey[] | undefined = input.pinnedKeys;
  let pinned = pinnedKeys === undefined ? undefined : validPins(pinnedKeys);
  let latest: LedgerCheckpoint | undefined = input.continued?.latest;
  let recorded = input.continued?.recorded ?? 0;
  const recordedThisRun: LedgerCheckpoint[] = [];

  const record = (checkpoint: LedgerCheckpoint): RecordedCheckpoint => {
    // Checked again here: a second Update admitted by its validator before this one ran must not fork.
    const refused = ledgerRefusal(latest, checkpoint, pinned);
    if (refused !== undefined) throw refusalFailure(refused);
    latest = checkpoint;
    recorded += 1;
    recordedThisRun.push(checkpoint);
    return { sequence: checkpoint.sequence, checkpointDigest: ledgerCheckpointDigest(checkpoint), recorded };
  };

  setHandler(recordCheckpointUpdate, record, {
    validator: (checkpoint: LedgerCheckpoint) => {
      const refused = ledgerRefusal(latest, checkpoint, pinned);
      if (refused !== undefined) throw refusalFailure(refused);
    },
  });
  const pin = (request: KeyPinRequest): PinnedKeyAnswer => {
    // Checked again here, as a checkpoint is: the pins may have changed since the validator ran.
    const refused = keyPinRefusal(pinned, programmeId, request);
    if (refused !== undefined) throw refusalFailure(refused);
    if (!pinned?.has(request.key.keyId)) {
      pinnedKeys = [...(pinnedKeys ?? []), { keyId: request.key.keyId, publicKey: request.key.publicKey }];
      pinned = validPins(pinnedKeys);
    }
    return { keyId: request.key.keyId, pinnedKeyIds: [...(pinned?.keys() ?? [])] };
  };

  setHandler(pinKeyUpdate, pin, {
    validator: (request: KeyPinRequest) => {
      const refused = keyPinRefusal(pinned, programmeId, request);
      if (refused !== undefined) throw refusalFailure(refused);
    },
  });
  setHandler(ledgerViewQuery, () => ({
    programmeId,
    recorded,
    latest: latest ?? null,
    recordedThisRun,
    pinnedKeyIds: pinned === undefined ? null : [...pinned.keys()],
  }));

  await condition(() => continueAsNewDue(limits));
  await condition(allHandlersFinished);
  const pins = pinnedKeys ? { pinnedKeys } : {};
  if (latest === undefined) {
    return continueAsNew<typeof checkpointLedgerWorkflow>({
      programmeId,
      ...pins,
      ...(limits ? { limits } : {}),
    });
  }
  return continueAsNew<typeof checkpointLedgerWorkflow>({
    programmeId,
    ...pins,
    continued: { latest, recorded },
    ...(limits ? { limits } : {}),
  });
}

import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { continueAsNewDue } from '../shared/continue-as-new';
import { refusalFailure } from '../shared/refusal-failure';
import { ledgerCheckpointDigest, ledgerRefusal, validPins } from './checkpoint-ledger-rules';
import {
  type CheckpointLedgerInput,
  type LedgerCheckpoint,
  ledgerViewQuery,
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
  const { programmeId, limits, pinnedKeys } = input;
  // Pinned at start and carried on: a checkpoint signed by any other key is refused by the validator.
  const pinned = pinnedKeys === undefined ? undefined : validPins(pinnedKeys);
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
  setHandler(ledgerViewQuery, () => ({
    programmeId,
    recorded,
    latest: latest ?? null,
    recordedThisRun,
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

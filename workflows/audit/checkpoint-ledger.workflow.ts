import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { continueAsNewDue } from '../shared/continue-as-new';
import { refusalFailure } from '../shared/refusal-failure';
import { ledgerCheckpointDigest, ledgerRefusal } from './checkpoint-ledger-rules';
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
  const { programmeId, limits } = input;
  let latest: LedgerCheckpoint | undefined = input.continued?.latest;
  let recorded = input.continued?.recorded ?? 0;
  const recordedThisRun: LedgerCheckpoint[] = [];

  const record = (checkpoint: LedgerCheckpoint): RecordedCheckpoint => {
    // Checked again here: a second Update admitted by its validator before this one ran must not fork.
    const refused = ledgerRefusal(latest, checkpoint);
    if (refused !== undefined) throw refusalFailure(refused);
    latest = checkpoint;
    recorded += 1;
    recordedThisRun.push(checkpoint);
    return { sequence: checkpoint.sequence, checkpointDigest: ledgerCheckpointDigest(checkpoint), recorded };
  };

  setHandler(recordCheckpointUpdate, record, {
    validator: (checkpoint: LedgerCheckpoint) => {
      const refused = ledgerRefusal(latest, checkpoint);
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
  if (latest === undefined) {
    return continueAsNew<typeof checkpointLedgerWorkflow>({ programmeId, ...(limits ? { limits } : {}) });
  }
  return continueAsNew<typeof checkpointLedgerWorkflow>({
    programmeId,
    continued: { latest, recorded },
    ...(limits ? { limits } : {}),
  });
}

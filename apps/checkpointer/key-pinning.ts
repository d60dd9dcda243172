/**
 * Rotation on a running ledger (docs/decisions/0075): the key in use endorses the next one, and the
 * ledger pins it only if the endorsing key is one it already pins. apps/ may import both the ledger's
 * rules (the text to sign) and the signer (infra/audit/keys.ts), so the two meet here.
 */
import type { KeyObject } from 'node:crypto';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type SigningKey, signText } from '../../infra/audit/keys';
import { LedgerRefusedError } from '../../infra/audit/temporal-checkpoint-sink';
import { keyPinText } from '../../workflows/audit/checkpoint-ledger-rules';
import {
  checkpointLedgerWorkflowId,
  type KeyPinRequest,
  type PinnedKeyAnswer,
  pinKeyUpdate,
} from '../../workflows/audit/checkpoint-ledger.messages';
import { pinOf } from './checkpoint-sinks';

/** `endorser`'s endorsement of `key` for the ledger of `programmeId`. */
export function keyPinRequest(
  programmeId: string,
  key: { readonly keyId: string; readonly publicKey: KeyObject },
  endorser: SigningKey,
): KeyPinRequest {
  const pin = pinOf(key.keyId, key.publicKey);
  return {
    key: pin,
    endorsedBy: endorser.keyId,
    endorsement: signText(endorser, keyPinText(programmeId, pin)),
  };
}

/** Sends the request to the programme's running ledger; a refusal carries the ledger's own code. */
export async function pinKeyOnLedger(
  client: Client,
  programmeId: string,
  request: KeyPinRequest,
): Promise<PinnedKeyAnswer> {
  const workflowId = checkpointLedgerWorkflowId(programmeId);
  try {
    return await client.workflow.getHandle(workflowId).executeUpdate(pinKeyUpdate, {
      args: [request],
      // A retry after a lost answer is the same Update.
      updateId: `pin-${request.key.keyId}-by-${request.endorsedBy}`,
    });
  } catch (error) {
    const refusal = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (refusal instanceof ApplicationFailure && refusal.type) {
      throw new LedgerRefusedError(
        refusal.type,
        `Workflow ${workflowId} refused to pin key ${request.key.keyId} [${refusal.type}]: ${refusal.message}`,
      );
    }
    throw error;
  }
}

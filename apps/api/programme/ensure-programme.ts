import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { programmeName } from '../../../domain/shared/entity-names';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { recordPolicyPack } from '../../../infra/policy-packs/policy-pack-log';
import { programmeWorkflow } from '../../../workflows/programme/programme.workflow';

export interface ProgrammeToRun {
  readonly programmeId: string;
  readonly policy: PolicyPack;
  readonly taskQueue: string;
  /**
   * The log the programme's events go to: the pack's whole document is recorded there first (once per
   * version), so an auditor can re-decide every step from the log even when no build knows the pack.
   */
  readonly store?: Pick<EventStore, 'append'>;
}

/**
 * Starts the programme's workflow unless it already runs: every start of the system calls this, and
 * the running programme (with its batches and towns) is simply found again. A programme that has
 * already ended is not started again (ALLOW_DUPLICATE_FAILED_ONLY): it ended by the joint meeting's
 * decision, and a second run would open its batches a second time.
 */
export async function ensureProgrammeStarted(client: Client, programme: ProgrammeToRun): Promise<string> {
  const workflowId = programmeName(programme.programmeId);
  if (programme.store) {
    await recordPolicyPack(programme.store, programme.policy, { programmeId: programme.programmeId });
  }
  try {
    await client.workflow.start(programmeWorkflow, {
      workflowId,
      taskQueue: programme.taskQueue,
      // A programme started now names its batches unambiguously; one already running keeps its names.
      args: [{ programmeId: programme.programmeId, policy: programme.policy, naming: 'unambiguous' }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (error) {
    // Closed and not to be run again: the programme is there, just finished.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return workflowId;
}

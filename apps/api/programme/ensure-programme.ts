import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { programmeDecider } from '../../../domain/programme';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { recordPolicyPack } from '../../../infra/policy-packs/policy-pack-log';
import { programmeWorkflow } from '../../../workflows/programme/programme.workflow';
import { ProgrammeRunFailedError } from './programme-run-failed.error';

export interface ProgrammeToRun {
  readonly programmeId: string;
  readonly policy: PolicyPack;
  readonly taskQueue: string;
  /**
   * The log the programme's events go to: the pack's whole document is recorded there first (once per
   * version), so an auditor can re-decide every step from the log even when no build knows the pack.
   */
  readonly store?: Pick<EventStore, 'append'>;
  /**
   * The run id of a failed run the operator has looked at and wants replaced by a new run
   * (`PROGRAMME_RESTART_FAILED_RUN`); without it a failed last run is refused, not restarted.
   */
  readonly restartFailedRun?: string;
}

/** How a run can end other than by the programme's own completion (or continuing as new). */
const FAILED_ENDINGS: readonly string[] = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'];

/**
 * Starts the programme's workflow unless it already runs: every start of the system calls this, and
 * the running programme (with its batches and towns) is simply found again. A programme that has
 * already ended is not started again: it ended by the joint meeting's decision, and a second run would
 * open its batches a second time. A last run that failed is refused with ProgrammeRunFailedError, which
 * names the failure, unless the operator names that run in `restartFailedRun`
 * (ALLOW_DUPLICATE_FAILED_ONLY then lets the new run start).
 */
export async function ensureProgrammeStarted(client: Client, programme: ProgrammeToRun): Promise<string> {
  const workflowId = programmeDecider.streamOf(programme.programmeId);
  if (programme.store) {
    await recordPolicyPack(programme.store, programme.policy, { programmeId: programme.programmeId });
  }
  await refuseFailedRun(client, workflowId, programme.restartFailedRun);
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

async function refuseFailedRun(client: Client, workflowId: string, restartFailedRun?: string): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  const latest: WorkflowExecutionDescription | undefined = await handle.describe().catch((error: unknown) => {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  });
  if (!latest || !FAILED_ENDINGS.includes(latest.status.name)) return;
  if (latest.runId === restartFailedRun) return;
  const failure = await handle.result().then(
    () => 'no failure recorded',
    (error: unknown) => failureText(error),
  );
  throw new ProgrammeRunFailedError(workflowId, latest.runId, latest.status.name, failure);
}

function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

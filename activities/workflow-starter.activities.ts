import {
  ApplicationFailure,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { whileRunning } from './while-running';

export interface StartWorkflowInput {
  /** The registered workflow function's name (`townWorkflow`, `batchWorkflow`). */
  readonly workflowType: string;
  readonly workflowId: string;
  readonly taskQueue: string;
  readonly args: readonly unknown[];
}

export interface StartWorkflowOutput {
  readonly workflowId: string;
  /** The run this start (or an earlier attempt of it) began. */
  readonly runId: string;
}

export interface UpdateWithStartInput {
  /** The workflow to send the update to, started with these arguments if no run of it is open. */
  readonly start: StartWorkflowInput;
  readonly updateName: string;
  readonly updateArgs: readonly unknown[];
}

/**
 * How the update ended, when it ended in the workflow: with its result, or with the failure the
 * workflow gave (a refusal's code and details). Everything else (the server unreachable, the update not
 * answered in time) is thrown, and the outcome stays unknown.
 */
export type UpdateOutcome =
  | { readonly completed: unknown }
  | { readonly failed: { readonly type: string; readonly message: string; readonly details: unknown } };

/**
 * How one workflow starts another that must live on its own: a batch starts each applicant's town, the
 * programme starts each batch. Not child workflows: a town lives for years after its batch has ended,
 * and a child's life stays tied to its parent's run (continue-as-new ends that run); see
 * docs/decisions/0011-lifecycle-workflows.md.
 */
export function createWorkflowStarterActivities(client: Client) {
  return {
    /**
     * Idempotent: a retried attempt finds the workflow it already started (conflict policy USE_EXISTING)
     * instead of failing or starting a second one.
     */
    async startWorkflow(input: StartWorkflowInput): Promise<StartWorkflowOutput> {
      const handle = await client.workflow.start(input.workflowType, {
        workflowId: input.workflowId,
        taskQueue: input.taskQueue,
        args: [...input.args],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    },

    /**
     * Sends an update to a workflow, starting the workflow if no run of it is open, and waits for the
     * update's outcome: an open run answers the update itself (a town already applied refuses a second
     * application), where a plain start would ignore the arguments of a run that exists. The update
     * carries its command id, so a retried attempt is answered with the step the first one recorded.
     */
    async updateWithStart(input: UpdateWithStartInput): Promise<UpdateOutcome> {
      const { start } = input;
      try {
        const result = await whileRunning((signal) =>
          client.withAbortSignal(signal, () =>
            client.workflow.executeUpdateWithStart(input.updateName, {
              args: [...input.updateArgs],
              startWorkflowOperation: new WithStartWorkflowOperation(start.workflowType, {
                workflowId: start.workflowId,
                taskQueue: start.taskQueue,
                args: [...start.args],
                workflowIdConflictPolicy: 'USE_EXISTING',
              }),
            }),
          ),
        );
        return { completed: result };
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          const { type, message, details } = error.cause;
          return { failed: { type: type ?? 'UNKNOWN', message, details: details?.[0] ?? null } };
        }
        throw error;
      }
    },
  };
}

export type WorkflowStarterActivities = ReturnType<typeof createWorkflowStarterActivities>;

import type { Client } from '@temporalio/client';

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

/**
 * How one workflow starts another that must live on its own: a batch starts each applicant's town, the
 * programme starts each batch. Not child workflows: a town lives for years after its batch has ended,
 * and a child's life stays tied to its parent's run (continue-as-new ends that run); see
 * docs/decisions/0011-lifecycle-workflows.md.
 *
 * Idempotent: a retried attempt finds the workflow it already started (conflict policy USE_EXISTING)
 * instead of failing or starting a second one.
 */
export function createWorkflowStarterActivities(client: Client) {
  return {
    async startWorkflow(input: StartWorkflowInput): Promise<StartWorkflowOutput> {
      const handle = await client.workflow.start(input.workflowType, {
        workflowId: input.workflowId,
        taskQueue: input.taskQueue,
        args: [...input.args],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    },
  };
}

export type WorkflowStarterActivities = ReturnType<typeof createWorkflowStarterActivities>;

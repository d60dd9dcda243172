import { WorkflowNotFoundError } from '@temporalio/client';
/**
 * Runs a call on a workflow that may not exist (yet, or any more): Temporal's WorkflowNotFoundError
 * becomes the error the route gives for it (a problem, or a domain refusal); everything else goes on to the error translation.
 */
export async function whenWorkflowMissing<T>(call: Promise<T>, missing: () => Error): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw missing();
    throw error;
  }
}

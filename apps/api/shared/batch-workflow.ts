import { WorkflowNotFoundError } from '@temporalio/client';
import { batchDecider } from '../../../domain/batch';

/**
 * Calls a batch's workflow by its name; for a programme started before decision 0062, whose batches
 * kept their hyphenated names, by that name when the first is not found. Nothing reached a workflow
 * that does not exist, so the second call repeats nothing. Still missing: WorkflowNotFoundError.
 */
export async function onBatchWorkflow<T>(
  programmeId: string,
  batchId: string,
  call: (workflowId: string) => Promise<T>,
): Promise<{ readonly workflowId: string; readonly result: T }> {
  const workflowId = batchDecider.streamOf(programmeId, batchId, 'unambiguous');
  try {
    return { workflowId, result: await call(workflowId) };
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const older = batchDecider.streamOf(programmeId, batchId, undefined);
    return { workflowId: older, result: await call(older) };
  }
}

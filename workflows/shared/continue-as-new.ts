import { workflowInfo } from '@temporalio/workflow';

/** When a run hands over: at this history length (default 10,000; tests set it low) or when suggested. */
export interface WorkflowLimits {
  readonly historyLength?: number;
}

/** The server's suggestion comes first; the threshold also holds on servers that never suggest. */
export function continueAsNewDue(limits: WorkflowLimits | undefined): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (limits?.historyLength ?? 10_000);
}

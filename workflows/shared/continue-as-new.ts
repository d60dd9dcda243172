import { workflowInfo } from '@temporalio/workflow';

/** When a run hands over to a fresh one. Tests set a low threshold to exercise the hand-over. */
export interface WorkflowLimits {
  /** Continue-as-new once the run's history holds this many events (default 10,000). */
  readonly historyLength?: number;
}

/**
 * The server suggests continue-as-new well before its hard limits (history length and size); the
 * threshold is a second, explicit bound that also works on servers that never suggest.
 */
const DEFAULT_HISTORY_LENGTH = 10_000;

export function continueAsNewDue(limits: WorkflowLimits | undefined): boolean {
  const info = workflowInfo();
  return (
    info.continueAsNewSuggested || info.historyLength >= (limits?.historyLength ?? DEFAULT_HISTORY_LENGTH)
  );
}

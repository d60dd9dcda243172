/**
 * The one place workflow code reads the time. Inside the workflow sandbox Temporal replaces `Date` with
 * the replay-safe time of the current workflow task, so this is deterministic; every decision then gets
 * `now` as an input, exactly as in a replay or an auditor's re-decision.
 */
export function workflowNow(): string {
  return new Date().toISOString();
}

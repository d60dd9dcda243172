/**
 * The one activity of the bare mirror, by type only (as product workflows see theirs): it does
 * nothing, so what remains is Temporal's cost of scheduling, running and completing an activity.
 * The benchmark's worker supplies the implementation.
 */
export interface BareActivities {
  emptyStep(): Promise<void>;
}

/** What the replay reports: one line per run, and the counts. */
export type ReplayOutcome = 'replayed' | 'nondeterministic' | 'failed';

export interface RunReplay {
  readonly workflowId: string;
  readonly runId: string;
  /** From the run's start event; empty when the history could not be read. */
  readonly workflowType: string;
  /** How the run stands in its own history: RUNNING, COMPLETED, CONTINUED_AS_NEW, FAILED, … */
  readonly status: string;
  readonly events: number;
  readonly outcome: ReplayOutcome;
  /** The SDK's message for a non-deterministic run, or what else went wrong. */
  readonly error?: string;
}

export interface ReplaySummary {
  readonly runs: number;
  readonly workflows: number;
  readonly events: number;
  readonly replayed: number;
  readonly nondeterministic: number;
  readonly failed: number;
}

export interface ReplayReport {
  /** Every run replayed. */
  readonly ok: boolean;
  readonly namespace: string;
  readonly query?: string;
  readonly workflowIds?: readonly string[];
  readonly exportDir?: string;
  readonly summary: ReplaySummary;
  /** Every run, in the order replayed. */
  readonly runs: readonly RunReplay[];
}

export interface ReplayProgress {
  readonly done: number;
  readonly total?: number;
}

import { WorkflowUpdateFailedError } from '@temporalio/client';

export interface ApplicationRefusal {
  readonly batchId: string;
  readonly townId: string;
  readonly code: string;
}

/**
 * What the officials were told "no" to. Applications over the quota are the programme working as
 * written; any other refused step means a synthetic official misjudged the rules, and the report shows
 * it rather than hiding it.
 */
export interface StepTally {
  readonly applicationRefusals: ApplicationRefusal[];
  /** Refusal codes of every other step, by the step's name. */
  readonly stepRefusals: Record<string, Record<string, number>>;
}

export function emptyTally(): StepTally {
  return { applicationRefusals: [], stepRefusals: {} };
}

/** The refusal code of a failed Update (its ApplicationFailure's type); anything else is rethrown. */
export async function refusalCode(step: Promise<unknown>): Promise<string | null> {
  try {
    await step;
    return null;
  } catch (error) {
    const type =
      error instanceof WorkflowUpdateFailedError ? (error.cause as { type?: unknown })?.type : null;
    if (typeof type === 'string') return type;
    throw error;
  }
}

/** Runs an official's step; a refusal is counted under the step's name instead of stopping the run. */
export async function attempt(tally: StepTally, step: string, work: Promise<unknown>): Promise<boolean> {
  const code = await refusalCode(work);
  if (code === null) return true;
  const codes = (tally.stepRefusals[step] ??= {});
  codes[code] = (codes[code] ?? 0) + 1;
  return false;
}

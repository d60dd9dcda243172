/** A step recorded lately (`Step`: what its caller was told), by the id of the command that took it. */
export interface RecentStep<Step> {
  readonly commandId: string;
  /** What the request looked like (the API's fingerprint of method, path and body), when it said. */
  readonly requestHash?: string;
  readonly step: Step;
}

/**
 * How many recorded steps a workflow remembers by command id. A retry of an older one is decided again,
 * and the deciders refuse what was already done (a second application, a second payment), so an
 * eviction costs a refusal, never a second record. 256 steps of about 200 bytes keep the carried
 * continue-as-new input small.
 */
export const RECENT_STEPS_KEPT = 256;

/**
 * The answers a workflow gives to a command it has already recorded: the same step again, so a retry
 * after a success is answered with the original events and positions (docs/decisions/0060). Kept in the
 * order recorded, oldest dropped first, and carried across continue-as-new.
 */
export class RecentSteps<Step> {
  private readonly steps = new Map<string, RecentStep<Step>>();

  constructor(carried: readonly RecentStep<Step>[] = []) {
    for (const step of carried) this.remember(step);
  }

  find(commandId: string): RecentStep<Step> | undefined {
    return this.steps.get(commandId);
  }

  remember(step: RecentStep<Step>): void {
    this.steps.delete(step.commandId);
    this.steps.set(step.commandId, step);
    for (const oldest of this.steps.keys()) {
      if (this.steps.size <= RECENT_STEPS_KEPT) break;
      this.steps.delete(oldest);
    }
  }

  get all(): RecentStep<Step>[] {
    return [...this.steps.values()];
  }
}

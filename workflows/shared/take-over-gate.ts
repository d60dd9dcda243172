import { condition } from '@temporalio/workflow';

/**
 * Officials' steps that reach a run while it reads its members back (decision 0097). Its update
 * handlers are registered before the read, so a step sent just after a hand-over finds a handler
 * instead of being refused for want of one: it is let through, waits for the read, and is then judged
 * by the same validator before it runs. Once the members are back, steps are judged as always.
 */
export class TakeOverGate {
  constructor(private takingOver: boolean) {}

  get open(): boolean {
    return !this.takingOver;
  }

  done(): void {
    this.takingOver = false;
  }

  /** Registered on an open gate, the validator and the step themselves, as runs that read nothing had them. */
  validator<R>(validate: (request: R) => void): (request: R) => void {
    if (!this.takingOver) return validate;
    return (request) => {
      if (!this.takingOver) validate(request);
    };
  }

  handler<R, T>(
    validate: (request: R) => void,
    step: (request: R) => Promise<T>,
  ): (request: R) => Promise<T> {
    if (!this.takingOver) return step;
    return async (request) => {
      if (this.takingOver) {
        await condition(() => !this.takingOver);
        validate(request);
      }
      return step(request);
    };
  }
}

import { condition } from '@temporalio/workflow';

/**
 * Officials' steps that reach a run while it reads its members back (decision 0097): its handlers are
 * registered before the read, since the SDK refuses an Update that finds none. A step is let through,
 * waits for the read, then is judged by the same validator. On an open gate they are the plain functions.
 */
export class TakeOverGate {
  constructor(private takingOver: boolean) {}

  get open(): boolean {
    return !this.takingOver;
  }

  done(): void {
    this.takingOver = false;
  }

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

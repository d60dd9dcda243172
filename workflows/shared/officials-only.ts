import { refuse } from '../../domain/shared/domain-refusal';
import { refusalToFailure } from './refusal-failure';
import type { StepMeta } from './stream-command-runner';

/**
 * Wraps an Update's validator so that no Update may claim the `system` seat. That seat is the workflows'
 * own — deadlines firing, rounds relayed between workflows — and neither ever arrives as an Update; the
 * actor, though, travels in the Update's payload, so without this anyone who can reach Temporal could
 * act as the scheduler. Checked before any rule is judged; validators do not run on replay, so the
 * recorded histories are untouched.
 */
export function officialsOnly<Request extends { readonly meta: StepMeta }>(
  validator: (request: Request) => void,
): (request: Request) => void {
  return (request) => {
    if (request.meta.actor.seat === 'system') {
      refusalToFailure(refuse('SYSTEM_SEAT_RESERVED', { userId: request.meta.actor.userId }));
    }
    validator(request);
  };
}

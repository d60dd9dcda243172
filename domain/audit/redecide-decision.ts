/** Taking a recorded step's decision again: its command, on a state, under a pack, as it records it. */
import type { RecordedDecider } from '../aggregates';
import type { PolicyPack } from '../policy/policy-pack.schema';
import type { DecisionContext, DomainEvent } from '../shared/decision';
import { DomainRefusal } from '../shared/domain-refusal';
import type { RecordedCommand, RecordedEvent } from '../shared/event-envelope';
import { inspectorAsRecorded } from '../town/inspector-as-recorded';

export type Decision =
  | { readonly events: DomainEvent<string, unknown>[] }
  | { readonly refusal: DomainRefusal }
  | { readonly error: string };

export function decideAgain(
  decider: RecordedDecider,
  command: RecordedCommand,
  state: unknown,
  ctx: DecisionContext,
): Decision {
  try {
    return { events: decider.decide(command, state, ctx) };
  } catch (error) {
    if (error instanceof DomainRefusal) return { refusal: error };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What the step's first event records of its decision, with the pack given; an inspection recorded
 * before inspectors were bound to units is decided as it was then (domain/town/inspector-as-recorded.ts).
 */
export function contextOf(
  first: RecordedEvent,
  command: RecordedCommand,
  policy: PolicyPack,
): DecisionContext {
  return {
    now: first.occurredAt,
    actor: inspectorAsRecorded(command, first.metadata.actor),
    policy,
    commandId: first.metadata.causationId,
  };
}

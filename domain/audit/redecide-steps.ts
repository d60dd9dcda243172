/**
 * A step is what one command recorded: consecutive events of a stream with the same causationId, the
 * first carrying the command (domain/shared/decision.ts `envelope`). A new command always starts a new
 * step, even under a causationId the previous step shared; events from before commands were recorded
 * are grouped by causationId alone.
 */
import type { RecordedEvent } from '../shared/event-envelope';
import type { StepRef } from './redecide-report';

export function startsStep(current: readonly RecordedEvent[], event: RecordedEvent): boolean {
  const first = current[0];
  return (
    first === undefined ||
    event.metadata.command !== undefined ||
    event.metadata.causationId !== first.metadata.causationId
  );
}

/** One stream's events, in stream order, as its steps. */
export function groupSteps(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const steps: RecordedEvent[][] = [];
  let current: RecordedEvent[] = [];
  for (const event of events) {
    if (startsStep(current, event)) {
      current = [];
      steps.push(current);
    }
    current.push(event);
  }
  return steps;
}

/** Where a step stands in the log and what it records of itself. */
export function stepRef(stream: string, step: readonly RecordedEvent[]): StepRef {
  const first = step[0];
  const last = step.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('A step has at least one event');
  return {
    stream,
    fromVersion: first.streamVersion,
    toVersion: last.streamVersion,
    position: first.globalPosition.toString(),
    eventTypes: step.map((event) => event.type),
    causationId: first.metadata.causationId,
    commandType: first.metadata.command?.type ?? null,
    occurredAt: first.occurredAt,
    actor: first.metadata.actor,
    policy: first.metadata.policy ?? null,
  };
}

export function byPosition(a: StepRef, b: StepRef): number {
  const difference = BigInt(a.position) - BigInt(b.position);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * An aggregate as every part of the system runs it — its workflow, the auditors' re-decision and
 * state-at-a-date, the read models, the tests and the benchmarks: one shape, so that what is decided in
 * a workflow is decided the same way everywhere else (docs/decisions/0120).
 */
import type { DecisionContext, DomainEvent } from './decision';

/**
 * `InstanceId` is what names one instance (a town's id; a programme's and a batch's). Left out, the
 * type accepts any aggregate's decider, for code that runs one whose instance it is told otherwise.
 */
export interface Decider<
  State,
  Command,
  Event extends DomainEvent<string, unknown>,
  InstanceId extends readonly unknown[] = never,
> {
  readonly initialState: State;
  /** The events a command leads to, or a thrown DomainRefusal naming the broken rule. */
  readonly decide: (command: Command, state: State, ctx: DecisionContext) => Event[];
  /** Total: an event of a type it does not know leaves the state as it is. */
  readonly evolve: (state: State, event: Event) => State;
  /**
   * The one name of an instance: its stream, and its workflow's id, are the same string, so the two can
   * never drift apart and a stream tells whose record it is (docs/decisions/0062). Stream names are
   * part of the record: they never change.
   */
  readonly streamOf: (...id: InstanceId) => string;
  /** Whether a stream holds an instance of this aggregate: its key (the name after `<kind>-`), or undefined. */
  readonly recognises: (stream: string) => string | undefined;
}

/** Every aggregate's streams are named `<kind>-<key>`, with a key that is never empty. */
export function keyInStream(kind: string, stream: string): string | undefined {
  const prefix = `${kind}-`;
  return stream.startsWith(prefix) && stream.length > prefix.length ? stream.slice(prefix.length) : undefined;
}

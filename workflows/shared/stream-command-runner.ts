import { condition, uuid4 } from '@temporalio/workflow';
import type { DecisionContext, DomainEvent } from '../../domain/shared/decision';
import { envelope } from '../../domain/shared/decision';
import type { Actor, NewEvent } from '../../domain/shared/event-envelope';
import type { EventStoreActivities } from '../../activities/event-store.activities';
import { refusalToFailure } from './refusal-failure';

export interface Decider<S, C, E extends DomainEvent<string, unknown>> {
  decide(command: C, state: S, ctx: DecisionContext): E[];
  evolve(state: S, event: E): S;
}

/** What the caller learns about each event its step recorded. */
export interface RecordedStep {
  readonly eventIds: readonly string[];
  readonly eventTypes: readonly string[];
  readonly positions: readonly string[];
  readonly streamVersion: number;
}

export interface StepMeta {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly requestId?: string;
}

/**
 * Runs an aggregate's commands inside a workflow: decide on the current state, record the events in
 * the store (before acknowledging), then evolve. Steps run one at a time, so a second update never
 * decides on state that the first is about to change.
 */
export class StreamCommandRunner<S, C, E extends DomainEvent<string, unknown>> {
  private busy = false;
  private streamVersion = -1;

  constructor(
    readonly stream: string,
    private readonly decider: Decider<S, C, E>,
    private currentState: S,
    private readonly append: EventStoreActivities['appendToStream'],
  ) {}

  get state(): S {
    return this.currentState;
  }

  get version(): number {
    return this.streamVersion;
  }

  /** For update validators: synchronous, changes nothing, throws the refusal as a failure. */
  validate(command: C, ctx: DecisionContext): void {
    try {
      this.decider.decide(command, this.currentState, ctx);
    } catch (error) {
      refusalToFailure(error);
    }
  }

  async run(command: C, ctx: () => DecisionContext, meta: StepMeta): Promise<RecordedStep> {
    await condition(() => !this.busy);
    this.busy = true;
    try {
      // Decide again: the state may have moved since the validator ran.
      const decisionContext = ctx();
      let decided: E[];
      try {
        decided = this.decider.decide(command, this.currentState, decisionContext);
      } catch (error) {
        refusalToFailure(error);
      }
      if (decided.length === 0) {
        return { eventIds: [], eventTypes: [], positions: [], streamVersion: this.streamVersion };
      }
      const events: NewEvent[] = envelope(decided, {
        ...decisionContext,
        correlationId: meta.correlationId,
        ids: decided.map(() => uuid4()),
        ...(meta.requestId ? { requestId: meta.requestId } : {}),
      });
      const result = await this.append({
        stream: this.stream,
        events,
        expectedVersion: this.streamVersion < 0 ? 'no_stream' : this.streamVersion,
      });
      this.currentState = decided.reduce(
        (state, event) => this.decider.evolve(state, event),
        this.currentState,
      );
      this.streamVersion = result.nextExpectedVersion;
      return {
        eventIds: events.map((e) => e.id),
        eventTypes: events.map((e) => e.type),
        positions: result.positions,
        streamVersion: result.nextExpectedVersion,
      };
    } finally {
      this.busy = false;
    }
  }
}

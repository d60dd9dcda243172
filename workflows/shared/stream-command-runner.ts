import { condition, uuid4 } from '@temporalio/workflow';
import type { DecisionContext, DomainEvent } from '../../domain/shared/decision';
import { envelope } from '../../domain/shared/decision';
import { DomainRefusal } from '../../domain/shared/domain-refusal';
import type { Actor, NewEvent, RecordedCommand } from '../../domain/shared/event-envelope';
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

type Append = EventStoreActivities['appendToStream'];

/**
 * `interactive` for a step an official waits on (fails after a few retries); `durable` for a fact nobody
 * waits on (a deadline, a message from another workflow), retried until the store is back.
 */
export type AppendMode = 'interactive' | 'durable';

/** Where a stream stands when a run starts: empty, or carried over from the previous run. */
export interface StreamPosition<S> {
  readonly state: S;
  readonly streamVersion: number;
  /** Ids of every event this workflow appended, across runs: what the store must hold, exactly once. */
  readonly recordedEventIds: readonly string[];
}

export interface StreamCommandRunnerOptions<S, C, E extends DomainEvent<string, unknown>> {
  readonly stream: string;
  readonly decider: Decider<S, C, E>;
  readonly from: StreamPosition<S>;
  readonly appends: Readonly<Record<AppendMode, Append>>;
  /**
   * The run starts with an opening step (see `open`): until it is recorded, validators let updates
   * through to their handlers, which wait for it. Updates can be delivered before the workflow's own
   * code has even started that step.
   */
  readonly opensFirst?: boolean;
  /**
   * Called with the events of each recorded step, after they are applied: how a workflow reacts to
   * facts (it queues messages to other workflows; it never waits here).
   */
  readonly onRecorded?: (events: readonly E[], meta: StepMeta) => void;
}

/** The outcome of a durable step: recorded, or refused by the decider (nothing written). */
export type StepOutcome = { readonly recorded: RecordedStep } | { readonly refused: DomainRefusal };

/**
 * Runs an aggregate's commands inside a workflow: decide on the current state, record the events in
 * the store (before acknowledging), then evolve. Steps run one at a time, so a second update never
 * decides on state that the first is about to change.
 */
export class StreamCommandRunner<S, C, E extends DomainEvent<string, unknown>> {
  private busy = false;
  private opening = false;
  private currentState: S;
  private streamVersion: number;
  private readonly eventIds: string[];

  constructor(private readonly options: StreamCommandRunnerOptions<S, C, E>) {
    // The opening step holds the turn from the start: no update's handler may decide before it.
    this.opening = options.opensFirst === true;
    this.busy = this.opening;
    this.currentState = options.from.state;
    this.streamVersion = options.from.streamVersion;
    this.eventIds = [...options.from.recordedEventIds];
  }

  get stream(): string {
    return this.options.stream;
  }

  get state(): S {
    return this.currentState;
  }

  get version(): number {
    return this.streamVersion;
  }

  get recordedEventIds(): readonly string[] {
    return this.eventIds;
  }

  /** Everything the next run needs to go on exactly where this one stops. */
  get position(): StreamPosition<S> {
    return {
      state: this.currentState,
      streamVersion: this.streamVersion,
      recordedEventIds: [...this.eventIds],
    };
  }

  /** True when no step is in flight; the workflow waits on it before continue-as-new. */
  get idle(): boolean {
    return !this.busy;
  }

  /**
   * For update validators: synchronous, changes nothing, throws the refusal as a failure. While the
   * entity's first step is still being recorded there is no state to judge by yet: the validator lets
   * the update through and its handler, which waits for that step, decides (and refuses) instead.
   */
  validate(command: C, ctx: DecisionContext): void {
    if (this.opening) return;
    try {
      this.options.decider.decide(command, this.currentState, ctx);
    } catch (error) {
      refusalToFailure(error);
    }
  }

  /** An official's step: a refusal is thrown as an ApplicationFailure whose type is its code. */
  async run(
    command: C,
    ctx: () => DecisionContext,
    meta: StepMeta,
    mode: AppendMode = 'interactive',
  ): Promise<RecordedStep> {
    const outcome = await this.step(command, ctx, meta, mode);
    if ('refused' in outcome) refusalToFailure(outcome.refused);
    return outcome.recorded;
  }

  /**
   * A step nobody waits on synchronously (a deadline, a relayed message, an application handed over by
   * the batch): always durable, and a refusal is returned for the workflow to handle, not thrown.
   */
  runDurably(command: C, ctx: () => DecisionContext, meta: StepMeta): Promise<StepOutcome> {
    return this.step(command, ctx, meta, 'durable');
  }

  /**
   * The step that brings the entity into being (a batch's opening, a programme's start, an application
   * handed over to a new town), recorded durably before any official's step is judged.
   */
  async open(command: C, ctx: () => DecisionContext, meta: StepMeta): Promise<StepOutcome> {
    if (!this.opening) throw new RangeError('open() is for a runner constructed with opensFirst');
    try {
      return await this.step(command, ctx, meta, 'durable', true);
    } finally {
      this.opening = false;
    }
  }

  private async step(
    command: C,
    ctx: () => DecisionContext,
    meta: StepMeta,
    mode: AppendMode,
    holdsTurn = false,
  ): Promise<StepOutcome> {
    if (!holdsTurn) {
      // Several waiters can be released in one pass: each re-checks before taking the turn.
      while (this.busy) await condition(() => !this.busy);
      this.busy = true;
    }
    try {
      // Decide again: the state may have moved since the validator ran.
      const decisionContext = ctx();
      let decided: E[];
      try {
        decided = this.options.decider.decide(command, this.currentState, decisionContext);
      } catch (error) {
        if (error instanceof DomainRefusal) return { refused: error };
        throw error;
      }
      if (decided.length === 0) {
        return {
          recorded: { eventIds: [], eventTypes: [], positions: [], streamVersion: this.streamVersion },
        };
      }
      const events: NewEvent[] = envelope(decided, {
        ...decisionContext,
        correlationId: meta.correlationId,
        ids: decided.map(() => uuid4()),
        ...(meta.requestId ? { requestId: meta.requestId } : {}),
        // Kept with the events so an auditor can decide again from the log alone. Every aggregate's
        // command union is `{ type, data }` of plain JSON (test/unit/audit/recorded-commands.spec.ts).
        command: command as unknown as RecordedCommand,
      });
      const result = await this.options.appends[mode]({
        stream: this.options.stream,
        events,
        expectedVersion: this.streamVersion < 0 ? 'no_stream' : this.streamVersion,
      });
      this.currentState = decided.reduce(
        (state, event) => this.options.decider.evolve(state, event),
        this.currentState,
      );
      this.streamVersion = result.nextExpectedVersion;
      this.eventIds.push(...events.map((event) => event.id));
      this.options.onRecorded?.(decided, meta);
      return {
        recorded: {
          eventIds: events.map((e) => e.id),
          eventTypes: events.map((e) => e.type),
          positions: result.positions,
          streamVersion: result.nextExpectedVersion,
        },
      };
    } finally {
      this.busy = false;
    }
  }
}

/** An empty stream: where a new entity's first run starts. */
export function newStream<S>(state: S): StreamPosition<S> {
  return { state, streamVersion: -1, recordedEventIds: [] };
}

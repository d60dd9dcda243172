/**
 * What a step of any entity is, as it travels: its meta, its outcome, what it recorded, what is pending,
 * and where a stream stands when a run hands over to the next (the continue-as-new input carries it).
 * StreamCommandRunner (stream-command-runner.ts) takes the steps; this is their shape.
 */
import type { DomainRefusal, RefusalDetails } from '../../domain/shared/domain-refusal';
import type { Actor, NewEvent } from '../../domain/shared/event-envelope';

/** What a recorded step answers: its events' ids, types and log positions, and the stream's version after. */
export interface RecordedStep {
  readonly eventIds: readonly string[];
  readonly eventTypes: readonly string[];
  readonly positions: readonly string[];
  readonly streamVersion: number;
  /** What another workflow recorded first, when the step needed it (the town's part of an application). */
  readonly confirmation?: RecordedStep;
}

export interface StepMeta {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly requestId?: string;
  /** The API's fingerprint of the request (method, path, body): a command id reused with another is refused. */
  readonly requestHash?: string;
}

/** `interactive`: an official waits (a few attempts); `durable`: nobody does (retried until answered). */
export type AppendMode = 'interactive' | 'durable';

/** A step decided and sent to the store, whose outcome is not known yet. */
export interface PendingStep<C> {
  readonly command: C;
  readonly meta: StepMeta;
  /** Decided again at this same instant if the stream moved meanwhile. */
  readonly decidedAt: string;
  readonly events: readonly NewEvent[];
  /** The stream's version the events follow (-1: a new stream). */
  readonly expectedVersion: number;
  /** Another workflow records its part first (`confirm`); its answer, once given, is kept. */
  readonly awaitsConfirmation: boolean;
  readonly confirmation?: RecordedStep;
  readonly since: string;
}

/** A step the store refused for good: kept for the view, never silently dropped. */
export interface UnrecordedStep {
  readonly commandId: string;
  readonly commandType: string;
  readonly code: string;
  readonly at: string;
}

/** How the entity's record keeps up with its decisions: for views, operators and tests. */
export interface RecordingHealth {
  readonly pending: {
    readonly commandId: string;
    readonly commandType: string;
    readonly since: string;
  } | null;
  /** Since when the store has not answered a durable append (retried in rounds meanwhile). */
  readonly stalledSince: string | null;
  readonly lastError: string | null;
  readonly notRecorded: readonly UnrecordedStep[];
}

/** A step recorded lately, by its command id, with the request's fingerprint when it had one. */
export interface RecentStep {
  readonly commandId: string;
  readonly requestHash?: string;
  readonly step: RecordedStep;
}

/** Where a stream stands when a run starts: empty, or carried over from the previous run. */
export interface StreamPosition<S, C = unknown> {
  readonly state: S;
  readonly streamVersion: number;
  /** Ids of every event this workflow appended, across runs: what the store must hold, exactly once. */
  readonly recordedEventIds: readonly string[];
  readonly recentSteps?: readonly RecentStep[];
  /** Recorded (with the same event ids) before anything else is decided. */
  readonly pending?: PendingStep<C>;
  readonly notRecorded?: readonly UnrecordedStep[];
}

export type Confirmation =
  { readonly confirmed: RecordedStep } | { readonly refused: RefusalDetails } | { readonly unknown: string };

/** Recorded, refused by the decider, or not recorded for a reason of the record's own. */
export type StepOutcome =
  | { readonly recorded: RecordedStep }
  | { readonly refused: DomainRefusal }
  | { readonly failed: RefusalDetails };

/** Where a new entity's stream stands before its first step. */
export function newStream<S>(state: S): StreamPosition<S, never> {
  return { state, streamVersion: -1, recordedEventIds: [] };
}

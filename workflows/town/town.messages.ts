import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PolicyInput } from '../../domain/policy/policy-reference';
import type { Seat } from '../../domain/shared/seats';
import type { TownCommand, TownCommandType, TownDeadline, TownState } from '../../domain/town';
import type { WorkflowLimits } from '../shared/continue-as-new';
import type { UpcomingDeadlines } from '../../domain/shared/deadline-reminders';
import type { RecordedStep, RecordingHealth, StepMeta, StreamPosition } from '../shared/stream-step';

/** Defined once, imported by the workflow and by every caller (API, tests, tools, other workflows). */

export interface TownCommandRequest {
  readonly command: TownCommand;
  readonly meta: StepMeta;
  /**
   * For an application handed over by its batch: the instant the batch decided it, so the town decides
   * at the same instant and the two always agree, however late the town answers (never later than now).
   */
  readonly decidedAt?: string;
}

/**
 * An application the batch accepted, handed to the town it started (runs started before decision 0061;
 * since then the batch sends the application as the town's first update and waits for its answer).
 */
export interface ApplicationThroughBatch {
  readonly request: TownCommandRequest;
  /** The instant the batch decided: the town decides at the same instant, so the two always agree. */
  readonly decidedAt: string;
  readonly batchWorkflowId: string;
}

/** What a town tells its programme about itself: the inputs of recommendation rounds and exits. */
export type TownReport =
  | {
      readonly kind: 'rated';
      readonly townId: string;
      readonly year: number;
      readonly rating: string;
      readonly score: number | null;
    }
  | { readonly kind: 'exited'; readonly townId: string; readonly supportEndsAt: string }
  /** The province listed the town: later rounds do not put it forward again. */
  | { readonly kind: 'listed-by-province'; readonly townId: string };

export interface TownOutgoing {
  readonly workflowId: string;
  readonly report: TownReport;
}

export interface TownContinuation {
  readonly position: StreamPosition<TownState, TownCommand>;
  readonly skipped: readonly string[];
  readonly outbox: readonly TownOutgoing[];
}

export interface TownWorkflowInput {
  readonly townId: string;
  /**
   * The pack the town is run under: whole, or a reference to a pack this build carries with the version
   * it must rebuild to (docs/decisions/0130). Either way the history says exactly which rules applied.
   */
  readonly policy: PolicyInput;
  /** Present when the town applies through its batch workflow (the batch starts the town). */
  readonly application?: ApplicationThroughBatch;
  /** The programme the town reports its ratings and its exit to, if it belongs to one. */
  readonly programmeWorkflowId?: string;
  /** That programme's id, which operators list its towns by (absent in runs started before it was given). */
  readonly programmeId?: string;
  /** The previous run's state, when this run continues it. */
  readonly continued?: TownContinuation;
  readonly limits?: WorkflowLimits;
}

/** The commands other workflows relay to a town: the published list, the programme's rounds. */
export type RelayableTownCommand = Extract<
  TownCommand,
  { type: 'RecordSelection' | 'OpenYearlyReview' | 'RecordProvincialRecommendation' | 'StartFinalAcceptance' }
>;

export interface RelayedTownCommand {
  readonly command: RelayableTownCommand;
  /** The sending workflow's id: recorded as the acting user, seat `system`. */
  readonly from: string;
  readonly commandId: string;
  readonly correlationId: string;
}

export interface TownView {
  readonly townId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly streamVersion: number;
  readonly state: TownState;
  /** Whether the record keeps up: a pending step, a store that does not answer, steps it refused. */
  readonly recording?: RecordingHealth;
}

export interface TownAllowedRequest {
  /** One seat's steps only; every seat's when absent. */
  readonly seat?: Seat;
}

/** Every official step on a town: validated synchronously by the town decider, then recorded. */
export const townCommandUpdate = defineUpdate<RecordedStep, [TownCommandRequest]>('townCommand');

/** A step another workflow hands over; the town records it as seat `system` (a refusal is logged). */
export const relayedTownCommandSignal = defineSignal<[RelayedTownCommand]>('relayedTownCommand');

/** Sent by the town to its programme's workflow. */
export const townReportSignal = defineSignal<[TownReport]>('townReport');

export const townViewQuery = defineQuery<TownView>('townView');
/** Next steps per seat, asked of the decider itself (domain `allowedTownCommands`). */
export const townAllowedQuery = defineQuery<Record<Seat, TownCommandType[]>, [TownAllowedRequest]>(
  'townAllowed',
);
export const townDeadlinesQuery = defineQuery<UpcomingDeadlines<TownDeadline>>('townDeadlines');
/** Every event id this workflow appended, across continue-as-new: what the stream must hold, once each. */
export const townRecordedEventIdsQuery = defineQuery<readonly string[]>('townRecordedEventIds');

/** The name the worker registers the town workflow under (workflows/index.ts). */
export const townWorkflowType = 'townWorkflow';

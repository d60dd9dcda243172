import { defineSignal, defineUpdate } from '@temporalio/workflow';

/** Defined once, imported by the bare workflow and by the benchmark that drives it. */

export interface BareTownInput {
  /** Instants (ISO-8601) at which the real town's own timers fired: deadlines and reminders. */
  readonly timers: readonly string[];
  /** The first this many timers are followed by an empty activity, as a deadline's append is. */
  readonly activitiesAfterTimers: number;
  /** Updates and signals it will receive; it ends once every one is handled and every timer fired. */
  readonly updates: number;
  readonly signals: number;
}

export interface BareStep {
  /** Empty local activities the handler runs first, as many as the real step's own appends (0132). */
  readonly localActivities: number;
  /** Empty activities it runs after them, as many as the real step's other appends and starts. */
  readonly activities: number;
}

/** An official's step, with nothing decided and nothing stored. */
export const bareStepUpdate = defineUpdate<number, [BareStep]>('bareStep');
/** A relayed round (review opening, recommendation, final acceptance), with nothing recorded. */
export const bareRelaySignal = defineSignal<[BareStep]>('bareRelay');

export const bareTownWorkflowType = 'bareTownWorkflow';

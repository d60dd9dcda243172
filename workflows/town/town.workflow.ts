import { continueAsNew, setHandler } from '@temporalio/workflow';
import type { TownState } from '../../domain/town';
import { upcomingDeadlines } from '../../domain/shared/deadline-reminders';
import { runEntityLoop } from '../shared/entity-loop';
import { scheduleOf } from '../shared/scheduler';
import { applyThroughBatch } from './town-application';
import { isTownFinished } from './town-lifecycle';
import {
  allowedSteps,
  checkStep,
  nextRunOf,
  openTownEntity,
  takeRelayedStep,
  takeStep,
  viewOf,
} from './town-entity';
import {
  relayedTownCommandSignal,
  townAllowedQuery,
  townCommandUpdate,
  townDeadlinesQuery,
  townRecordedEventIdsQuery,
  townViewQuery,
  type TownCommandRequest,
  type TownWorkflowInput,
} from './town.messages';

/**
 * One town's whole life: applied → listed or not → reward 1 → planning → yearly reviews → the two-year
 * check and reward 2 → exit or continue → provincial recommendation → final acceptance → closed.
 * Officials act through `townCommand` updates; deadlines and reminders fire on durable timers; other
 * workflows relay their rounds by signal. Handlers are one line each; the body only waits.
 */
export async function townWorkflow(input: TownWorkflowInput): Promise<TownState> {
  const town = openTownEntity(input);
  const { runner, policy } = town;

  // Officials' steps are judged by the decider before they are accepted, then recorded one at a time.
  setHandler(townCommandUpdate, (request) => takeStep(town, request), {
    validator: (request: TownCommandRequest) => checkStep(town, request),
  });
  // The batch's published list and the programme's rounds.
  setHandler(relayedTownCommandSignal, (message) => takeRelayedStep(town, message));

  setHandler(townViewQuery, () => viewOf(town));
  setHandler(townAllowedQuery, ({ seat }) => allowedSteps(town, seat));
  setHandler(townDeadlinesQuery, () => upcomingDeadlines(runner.state, policy));
  setHandler(townRecordedEventIdsQuery, () => runner.recordedEventIds);

  // Applied through the batch: decided at the batch's instant and answered. Refused, the town's life ends.
  if (!input.continued && input.application) {
    if (!(await applyThroughBatch(input.townId, runner, input.application))) return runner.state;
  }

  // Then the town waits: for steps, and for its deadlines and reminders, which it fires itself, until
  // its life is over or the run is long enough to hand over to a fresh one.
  const end = await runEntityLoop({
    runner,
    outbox: town.outbox,
    skipped: town.skipped,
    limits: input.limits,
    finished: () => isTownFinished(runner.state),
    scheduled: scheduleOf(runner, { policy }),
  });
  if (end === 'continue-as-new') return continueAsNew<typeof townWorkflow>(nextRunOf(input, town));
  return runner.state;
}

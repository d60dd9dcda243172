import {
  allHandlersFinished,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import { toEpochMs } from '../../../domain/calendar/instant';
import { workflowNow } from '../../../workflows/workflow-clock';
import type { BareActivities } from './bare-activities';
import { bareRelaySignal, bareStepUpdate, type BareStep, type BareTownInput } from './bare-town.messages';

// The same timeout and retry shape as the product's interactive appends.
const emptyStepOptions = {
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    maximumAttempts: 5,
  },
} as const;
const { emptyStep } = proxyActivities<BareActivities>(emptyStepOptions);
/** An official's append runs locally since decision 0132: so does its mirror. */
const local = proxyLocalActivities<BareActivities>(emptyStepOptions);

/**
 * The lifecycle benchmark's baseline: a town's Temporal traffic (the same updates, signals, timers and
 * activities as a real town's, at the same instants) with every body empty: no decider, no policy
 * pack, no event store. What a real town costs beyond this is what our code costs.
 */
export async function bareTownWorkflow(input: BareTownInput): Promise<number> {
  let updates = 0;
  let signals = 0;
  const steps = async ({ localActivities, activities }: BareStep): Promise<void> => {
    for (let index = 0; index < localActivities; index += 1) await local.emptyStep();
    for (let index = 0; index < activities; index += 1) await emptyStep();
  };
  setHandler(bareStepUpdate, async (step) => {
    await steps(step);
    return ++updates;
  });
  setHandler(bareRelaySignal, async (step) => {
    await steps(step);
    signals += 1;
  });
  for (const [index, at] of input.timers.entries()) {
    const wait = toEpochMs(at) - toEpochMs(workflowNow());
    if (wait > 0) await sleep(wait);
    if (index < input.activitiesAfterTimers) await emptyStep();
  }
  await condition(() => updates >= input.updates && signals >= input.signals && allHandlersFinished());
  return updates + signals;
}

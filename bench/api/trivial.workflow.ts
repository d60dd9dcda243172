import {
  condition,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { trivialActivities } from './trivial.activities';

/** An Update that does nothing but answer: the floor a workflow Update costs on this server. */
export const touchUpdate = defineUpdate<number, [string]>('touch');

/**
 * An Update that runs one activity that does nothing, then answers: what Temporal itself costs a step
 * shaped like ours (one workflow task to accept, an activity, one workflow task to complete), so the
 * rest of a step's time is ours.
 */
export const touchThroughActivityUpdate = defineUpdate<string, [string]>('touchThroughActivity');

/**
 * An Update that runs one local activity that does nothing, then answers: Temporal's cost of a step's
 * shape since decision 0132 (the append runs as a local activity, inside the Update's workflow task).
 */
export const touchThroughLocalActivityUpdate = defineUpdate<string, [string]>('touchThroughLocalActivity');

const { echo } = proxyActivities<typeof trivialActivities>({ startToCloseTimeout: '20 seconds' });
const local = proxyLocalActivities<typeof trivialActivities>({ startToCloseTimeout: '20 seconds' });

export async function trivialWorkflow(): Promise<void> {
  let touched = 0;
  setHandler(touchUpdate, () => (touched += 1));
  setHandler(touchThroughActivityUpdate, (value) => echo(value));
  setHandler(touchThroughLocalActivityUpdate, (value) => local.echo(value));
  await condition(() => false);
}

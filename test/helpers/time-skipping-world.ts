import {
  startTimeSkippingWorld as startWorld,
  type TimeSkippingWorld,
} from '../../apps/simulate/time-skipping-world';
import { uniqueTaskQueue } from './test-env';

export type { TimeSkippingWorld } from '../../apps/simulate/time-skipping-world';

/** The simulation's world, on the bundle the test run built once and a task queue of the test's own. */
export function startTimeSkippingWorld(workflowBundlePath: string): Promise<TimeSkippingWorld> {
  return startWorld({ workflowBundlePath, taskQueue: uniqueTaskQueue('time-skipping') });
}

import { proxyActivities } from '@temporalio/workflow';
import type { EventStoreActivities } from '../../activities/event-store.activities';

const nonRetryableErrorTypes = ['WRONG_EXPECTED_VERSION', 'EVENT_ID_CONFLICT'];

/**
 * For steps an official is waiting on: a few quick retries, then the step fails and the official is
 * told the store is unavailable. Nothing was applied to the workflow's state in that case.
 */
export const interactiveAppend = proxyActivities<EventStoreActivities>({
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes,
  },
});

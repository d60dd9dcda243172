import { proxyActivities } from '@temporalio/workflow';
import type { EventStoreActivities } from '../../activities/event-store.activities';
import type { WorkflowStarterActivities } from '../../activities/workflow-starter.activities';

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

/**
 * For facts nobody waits on (deadlines firing): retried until the store is back, because a deadline
 * that has passed must be recorded eventually, however long the outage.
 */
export const durableAppend = proxyActivities<EventStoreActivities>({
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes,
  },
});

/**
 * Starting another workflow is part of a step that has already been recorded (an application, a batch
 * opening), so it is retried until the server takes it; a retried start finds the first one.
 */
export const workflowStarter = proxyActivities<WorkflowStarterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

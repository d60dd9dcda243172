import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { appendFailureTypes, EventStoreActivities } from '../../activities/event-store.activities';
import type { WorkflowStarterActivities } from '../../activities/workflow-starter.activities';
import type { BatchListActivities } from '../../activities/batch-list.activities';
import type { BatchMembersActivities } from '../../activities/batch-members.activities';
import type { ProgrammeMembersActivities } from '../../activities/programme-members.activities';
import type { TownRatingsActivities } from '../../activities/town-ratings.activities';

// Every timeout and retry of the workflows' activities; decision 0060 lists them end to end. The store
// ends an append at 5 s, so an attempt given up at 8 s no longer runs in the database; store calls
// heartbeat each second, so a dead worker is noticed after 3 s.

/** The store's refusals no retry can change (`appendFailureTypes`, which are not bundled). */
export const appendFailures = {
  wrongExpectedVersion: 'WRONG_EXPECTED_VERSION',
  eventIdConflict: 'EVENT_ID_CONFLICT',
  dataRefused: 'EVENT_DATA_REFUSED',
} as const satisfies typeof appendFailureTypes;
const nonRetryableErrorTypes = Object.values(appendFailures);
const storeCall = { startToCloseTimeout: '8 seconds', heartbeatTimeout: '3 seconds' } as const;
/** What nobody waits on: 1 s doubling to 1 min apart, as long as it takes or in rounds of ten. */
const untilAnswered = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
} as const;

/** An official waits: three attempts (at most about 25 s), then the step stays pending. */
const interactiveRetry = {
  initialInterval: '500 ms',
  backoffCoefficient: 2,
  maximumInterval: '2 seconds',
  maximumAttempts: 3,
  nonRetryableErrorTypes,
} as const;

/** Pre-patch path (`local-appends`, decision 0132): an official's append as an activity task of its own. */
export const interactiveAppend = proxyActivities<EventStoreActivities>({
  ...storeCall,
  retry: interactiveRetry,
});

/**
 * An official's append as a local activity (decision 0132): run by the worker that runs the step, inside
 * the Update's workflow task, so the step is answered in one task instead of two and an activity task.
 * Local activities cannot heartbeat; the workflow task's own timeout notices a dead worker instead.
 */
export const interactiveLocalAppend = proxyLocalActivities<EventStoreActivities>({
  startToCloseTimeout: storeCall.startToCloseTimeout,
  retry: interactiveRetry,
});

/** Deadlines, relayed messages, pending steps: ten attempts (about 5 min) a round, rounds without end. */
export const durableAppend = proxyActivities<EventStoreActivities>({
  ...storeCall,
  retry: { ...untilAnswered, maximumAttempts: 10, nonRetryableErrorTypes },
});

/** Between two rounds of durable attempts: the stall is reported, then tried again. */
export const DURABLE_ROUND_PAUSE = '1 minute';

/** Starting a workflow is part of a step already recorded: retried until taken (a retry finds the first). */
export const workflowStarter = proxyActivities<WorkflowStarterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: untilAnswered,
});

/** Handing an application to its town, whose own step takes at most about 25 s (an interactive append). */
const delivery = { startToCloseTimeout: '30 seconds', heartbeatTimeout: '5 seconds' } as const;

/** Two attempts for an official waiting. */
export const interactiveDelivery = proxyActivities<WorkflowStarterActivities>({
  ...delivery,
  retry: { initialInterval: '1 second', maximumAttempts: 2 },
});

/** Ten attempts, then rounds, for a pending application. */
export const durableDelivery = proxyActivities<WorkflowStarterActivities>({
  ...delivery,
  retry: { ...untilAnswered, maximumAttempts: 10 },
});

/**
 * Long reads the run cannot go on without (the towns' ratings for a provincial round, members read back
 * after continue-as-new, a batch's list in pages): heartbeating, retried until the store answers.
 */
export const storeReader = proxyActivities<
  TownRatingsActivities & ProgrammeMembersActivities & BatchListActivities & BatchMembersActivities
>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '10 seconds', retry: untilAnswered });

import { proxyActivities } from '@temporalio/workflow';
import type { appendFailureTypes, EventStoreActivities } from '../../activities/event-store.activities';
import type { WorkflowStarterActivities } from '../../activities/workflow-starter.activities';
import type { BatchListActivities } from '../../activities/batch-list.activities';
import type { BatchMembersActivities } from '../../activities/batch-members.activities';
import type { ProgrammeMembersActivities } from '../../activities/programme-members.activities';
import type { TownRatingsActivities } from '../../activities/town-ratings.activities';

/**
 * Every timeout and retry of the workflows' activities, with why (docs/decisions/0060 lists them end to
 * end, from the HTTP request to the answer). The store ends an append at 5 s (APPEND_TIMEOUT_MS: the
 * statement timeout, KurrentDB's deadline) and its connection attempts at 5 s, so an attempt the worker
 * gives up on at 8 s is no longer running in the database. Activities heartbeat every second while a
 * call is outstanding, so a dead worker is noticed after 3 s and a timed-out attempt is cancelled.
 */
/** The store's refusals no retry can change (the activities' `appendFailureTypes`, which are not bundled). */
export const appendFailures = {
  wrongExpectedVersion: 'WRONG_EXPECTED_VERSION',
  eventIdConflict: 'EVENT_ID_CONFLICT',
  dataRefused: 'EVENT_DATA_REFUSED',
} as const satisfies typeof appendFailureTypes;
const nonRetryableErrorTypes = Object.values(appendFailures);
const storeCall = { startToCloseTimeout: '8 seconds', heartbeatTimeout: '3 seconds' } as const;
/** What nobody waits on is retried 1 s doubling to 1 min apart: as long as it takes, or in rounds of ten. */
const untilAnswered = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
} as const;

/**
 * For steps an official is waiting on: three attempts (0.5 s and 1 s apart), at most about 25 s. If none
 * is confirmed the step stays pending in the workflow (its events may have been written) and the
 * official is told so; it is settled before anything else.
 */
export const interactiveAppend = proxyActivities<EventStoreActivities>({
  ...storeCall,
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '2 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes,
  },
});

/**
 * For facts nobody waits on (deadlines, messages from other workflows, pending steps): ten attempts, 1 s
 * to 1 min apart (about 5 min), then the workflow reports the stall and tries again after a minute, for
 * as long as the store is away: a deadline that has passed must be recorded eventually.
 */
export const durableAppend = proxyActivities<EventStoreActivities>({
  ...storeCall,
  retry: { ...untilAnswered, maximumAttempts: 10, nonRetryableErrorTypes },
});

/** Between two rounds of durable attempts: the stall is reported, then tried again. */
export const DURABLE_ROUND_PAUSE = '1 minute';

/**
 * Starting another workflow is part of a step that has already been recorded (a batch opening), so it is
 * retried until the server takes it; a retried start finds the first one.
 */
export const workflowStarter = proxyActivities<WorkflowStarterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: untilAnswered,
});

/**
 * Handing an application to its town and waiting for the town's answer: the town's own step takes at
 * most about 25 s (an interactive append), so one attempt gets 30 s; two attempts for an official
 * waiting, ten (then rounds, as for durable appends) for a pending application.
 */
const delivery = { startToCloseTimeout: '30 seconds', heartbeatTimeout: '5 seconds' } as const;

export const interactiveDelivery = proxyActivities<WorkflowStarterActivities>({
  ...delivery,
  retry: { initialInterval: '1 second', maximumAttempts: 2 },
});

export const durableDelivery = proxyActivities<WorkflowStarterActivities>({
  ...delivery,
  retry: { ...untilAnswered, maximumAttempts: 10 },
});

/**
 * Reading the towns' ratings when a provincial round falls due: one call reads every listed town's
 * stream (seconds at thousands of towns), heartbeating each second. A round must be decided, so the
 * read is retried until the store answers, as a deadline's append is.
 */
const storeReads = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: untilAnswered,
} as const;
export const ratingsReader = proxyActivities<TownRatingsActivities>(storeReads);

/**
 * Reading the programme's members back from its stream when a run starts from one continued as new
 * (docs/decisions/0067): the run can do nothing before it, so it waits for the store as the round does.
 */
export const membersReader = proxyActivities<ProgrammeMembersActivities>(storeReads);

/** Reading a batch's list recorded in pages (docs/decisions/0069): it must be recorded, so it waits too. */
export const batchListReader = proxyActivities<BatchListActivities>(storeReads);

/**
 * Reading a batch's members back from its stream when a run starts from one continued as new
 * (docs/decisions/0097): as the programme's, the run can do nothing before it, so it waits for the store.
 */
export const batchMembersReader = proxyActivities<BatchMembersActivities>(storeReads);

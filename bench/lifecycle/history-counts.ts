/**
 * What a workflow actually did, read from its history (every run of it, across continue-as-new):
 * the counts the bare mirror must reproduce, and the instants at which its own timers fired.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { fromEpochMs } from '../../domain/calendar/instant';

export interface HistoryCounts {
  readonly runs: number;
  readonly events: number;
  readonly workflowTasks: number;
  readonly updates: number;
  readonly signalsReceived: number;
  readonly signalsSent: number;
  readonly timersStarted: number;
  readonly timersFired: number;
  readonly activities: number;
  /** Local activities: the `core_local_activity` markers their results are recorded in. */
  readonly localActivities: number;
}

export const noCounts: HistoryCounts = {
  runs: 0,
  events: 0,
  workflowTasks: 0,
  updates: 0,
  signalsReceived: 0,
  signalsSent: 0,
  timersStarted: 0,
  timersFired: 0,
  activities: 0,
  localActivities: 0,
};

export function addCounts(a: HistoryCounts, b: HistoryCounts): HistoryCounts {
  const sum = { ...a };
  for (const key of Object.keys(b) as (keyof HistoryCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

/** One run's events, a page at a time: a coordinating workflow's history runs to tens of megabytes. */
export async function historyEvents(
  client: Client,
  workflowId: string,
  runId?: string,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, ...(runId ? { runId } : {}) },
      maximumPageSize: 500,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

function eventTime(event: HistoryEvent): string {
  const seconds = Number(event.eventTime?.seconds ?? 0);
  const nanos = event.eventTime?.nanos ?? 0;
  return fromEpochMs(seconds * 1000 + Math.floor(nanos / 1e6));
}

export interface WorkflowHistoryCounts {
  readonly counts: HistoryCounts;
  readonly timersFiredAt: readonly string[];
  readonly signalsReceivedAt: readonly string[];
  readonly startedAt: string;
}

/** Counts over every run of a workflow, newest first back to the first; timer instants in order. */
export async function countHistory(client: Client, workflowId: string): Promise<WorkflowHistoryCounts> {
  let counts = noCounts;
  const timersFiredAt: string[] = [];
  const signalsReceivedAt: string[] = [];
  let startedAt = '';
  let runId: string | undefined;
  for (;;) {
    const events = await historyEvents(client, workflowId, runId);
    const has = (pick: (event: HistoryEvent) => unknown) =>
      events.filter((event) => pick(event) != null).length;
    counts = addCounts(counts, {
      runs: 1,
      events: events.length,
      workflowTasks: has((e) => e.workflowTaskCompletedEventAttributes),
      updates: has((e) => e.workflowExecutionUpdateAcceptedEventAttributes),
      signalsReceived: has((e) => e.workflowExecutionSignaledEventAttributes),
      signalsSent: has((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes),
      timersStarted: has((e) => e.timerStartedEventAttributes),
      timersFired: has((e) => e.timerFiredEventAttributes),
      activities: has((e) => e.activityTaskScheduledEventAttributes),
      localActivities: has((e) =>
        e.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? e : null,
      ),
    });
    const instants = (pick: (event: HistoryEvent) => unknown) =>
      events.filter((event) => pick(event) != null).map(eventTime);
    timersFiredAt.unshift(...instants((e) => e.timerFiredEventAttributes));
    signalsReceivedAt.unshift(...instants((e) => e.workflowExecutionSignaledEventAttributes));
    const first = events[0];
    if (first) startedAt = eventTime(first);
    const previous = first?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) return { counts, timersFiredAt, signalsReceivedAt, startedAt };
    runId = previous;
  }
}

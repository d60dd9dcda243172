/**
 * The replay itself: fetched histories in, one judgement per run out, in the same order, through the
 * SDK's replay worker running the bundled workflow code.
 */
import type { HistoryAndWorkflowId } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { messageOf } from '../../infra/audit/temporal-replay-errors';
import type { RunReplay } from './temporal-replay-report';
import type { FetchedRun, History, RunRef } from './temporal-replay-runs';

export type ReplayWorkerOptions = Parameters<typeof Worker.runReplayHistories>[0];

/**
 * Runs the histories through replay workers, one result per run in the order given. The SDK replays one
 * history at a time and answers for each before taking the next, so results pair with runs in order.
 * Runs whose history could not be fetched, or is not a history, are reported without a replay. Should a
 * replay worker itself fail, the run it was on is reported failed and a fresh worker takes the rest.
 */
export async function* replayRuns(
  options: ReplayWorkerOptions,
  source: AsyncIterable<FetchedRun>,
): AsyncGenerator<RunReplay> {
  const upstream = source[Symbol.asyncIterator]();
  const handedOver: HistoryRun[] = [];
  const unreplayable: RunReplay[] = [];
  async function* histories(): AsyncGenerator<HistoryAndWorkflowId> {
    for (let next = await upstream.next(); next.done !== true; next = await upstream.next()) {
      const run = next.value;
      if ('fetchError' in run) {
        unreplayable.push(unfetched(run, run.fetchError));
        continue;
      }
      const problem = notAHistory(run.history);
      if (problem !== undefined) {
        unreplayable.push({ ...factsOf(run), outcome: 'failed', error: problem });
        continue;
      }
      handedOver.push(run);
      yield { workflowId: run.workflowId, history: run.history };
    }
  }
  for (;;) {
    try {
      for await (const result of Worker.runReplayHistories(options, histories())) {
        yield* unreplayable.splice(0);
        const run = handedOver.shift();
        if (run === undefined) throw new Error(`Replay answered for ${result.runId}, which it was not given`);
        yield judged(run, result);
      }
      yield* unreplayable.splice(0);
      return;
    } catch (error) {
      yield* unreplayable.splice(0);
      const run = handedOver.shift();
      // Failing before any history was handed over is the worker or the bundle, not a run: nothing to go on with.
      if (run === undefined) throw error;
      yield { ...factsOf(run), outcome: 'failed', error: `The replay worker failed: ${messageOf(error)}` };
    }
  }
}

type HistoryRun = RunRef & { readonly history: History };

function judged(run: HistoryRun, result: ReplayResult): RunReplay {
  const base = factsOf(run);
  // The SDK names the run it replayed by the run id the history started with: a check on the pairing.
  const startedAs = run.history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId;
  if (startedAs && startedAs !== result.runId)
    return { ...base, outcome: 'failed', error: `The replay answered for run ${result.runId} instead` };
  if (result.error === undefined) return { ...base, outcome: 'replayed' };
  return {
    ...base,
    outcome: result.error instanceof DeterminismViolationError ? 'nondeterministic' : 'failed',
    error: result.error.message,
  };
}

function factsOf({ workflowId, runId, history }: HistoryRun): Omit<RunReplay, 'outcome'> {
  const events = history.events ?? [];
  return {
    workflowId,
    runId,
    workflowType: events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '',
    status: statusOf(events.at(-1)?.eventType),
    events: events.length,
  };
}

function unfetched(run: RunRef, error: string): RunReplay {
  return {
    workflowId: run.workflowId,
    runId: run.runId,
    workflowType: '',
    status: 'UNKNOWN',
    events: 0,
    outcome: 'failed',
    error,
  };
}

const { EventType } = temporal.api.enums.v1;

function notAHistory(history: History): string | undefined {
  const first = history.events?.[0];
  if (first?.eventType !== EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
    return 'The history does not begin with the workflow execution starting';
  return undefined;
}

/** The event that closes a run, and the status it leaves: a run that has none is still running. */
const closedBy = new Map<number, string>([
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 'COMPLETED'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, 'CONTINUED_AS_NEW'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, 'FAILED'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, 'TIMED_OUT'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, 'CANCELED'],
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, 'TERMINATED'],
]);

/** A run's status as its own history tells it: the history is what is replayed, so it is what counts. */
function statusOf(lastEvent: number | null | undefined): string {
  return (lastEvent === null || lastEvent === undefined ? undefined : closedBy.get(lastEvent)) ?? 'RUNNING';
}

/**
 * Which runs to replay, and their histories: every execution the namespace's visibility lists (optionally
 * narrowed by a query), or every run of the given workflow ids, found by walking each continue-as-new
 * chain back from its latest run. Both come out as one stream of fetched histories, never all at once.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import {
  grpcCodeOf,
  grpcStatus,
  messageOf,
  TemporalReplayError,
} from '../../infra/audit/temporal-replay-errors';

export type History = temporal.api.history.v1.IHistory;

export interface RunRef {
  readonly workflowId: string;
  readonly runId: string;
}

export type FetchedRun =
  (RunRef & { readonly history: History }) | (RunRef & { readonly fetchError: string });

export interface RunSource {
  /** How many runs the source will give, when the server can count them up front. */
  readonly total: number | undefined;
  readonly runs: AsyncIterable<FetchedRun>;
}

/**
 * Histories fetched ahead of the replay, at most: fetching overlaps replaying, and memory stays bounded
 * by this many histories however many runs there are.
 */
export const FETCH_AHEAD = 8;

/** Every run visibility lists for `query` (all of the namespace without one), continued runs included. */
export async function runsInVisibility(client: Client, query: string | undefined): Promise<RunSource> {
  // Counting is an optimisation for the progress bar; servers without advanced visibility cannot.
  const total = await client.workflow.count(query).then(
    ({ count }) => count,
    () => undefined,
  );
  const listing = client.workflow.list(query === undefined ? {} : { query })[Symbol.asyncIterator]();
  // The first page is asked for now, so that a query the server refuses fails before anything is done.
  const first = await listing.next().catch((error: unknown) => {
    throw visibilityError(error, query);
  });
  async function* listed(): AsyncGenerator<RunRef> {
    for (let next = first; next.done !== true; next = await listing.next()) yield refOf(next.value);
  }
  return { total, runs: mapAhead(listed(), (run) => fetchRun(client, run), FETCH_AHEAD) };
}

/**
 * Every run of each workflow id, latest first: each run's start event names the run it continued
 * (`continuedExecutionRunId`), back to the first. Unknown ids are refused before anything is fetched.
 */
export async function runsOfWorkflows(client: Client, workflowIds: readonly string[]): Promise<RunSource> {
  const latest: RunRef[] = [];
  for (const workflowId of new Set(workflowIds)) {
    const description = await client.workflow
      .getHandle(workflowId)
      .describe()
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        throw new TemporalReplayError(
          'WORKFLOW_NOT_FOUND',
          `No workflow "${workflowId}" in namespace ${client.options.namespace}`,
          { cause: error },
        );
      });
    latest.push({ workflowId, runId: description.runId });
  }
  async function* chains(): AsyncGenerator<FetchedRun> {
    for (const { workflowId, runId } of latest) {
      const seen = new Set<string>();
      for (let current: string | undefined = runId; current !== undefined && !seen.has(current);) {
        seen.add(current);
        const fetched = await fetchRun(client, { workflowId, runId: current });
        yield fetched;
        current = 'history' in fetched ? continuedFrom(fetched.history) : undefined;
      }
    }
  }
  return { total: undefined, runs: chains() };
}

/** One run's whole history; a run whose history the server no longer has is reported, not thrown. */
export async function fetchRun(client: Client, run: RunRef): Promise<FetchedRun> {
  try {
    return { ...run, history: await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory() };
  } catch (error) {
    const fetchError =
      error instanceof WorkflowNotFoundError
        ? 'The server no longer has this run (past the namespace retention period, or deleted)'
        : `Could not fetch the history: ${messageOf(error)}`;
    return { ...run, fetchError };
  }
}

/** The run this one continued (continue-as-new, retry or cron), from its start event. */
export function continuedFrom(history: History): string | undefined {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return started?.continuedExecutionRunId || undefined;
}

/**
 * Maps `source` through `work` with up to `ahead` calls in flight, yielding in the source's order.
 * `work` must not reject: its failures are values, so none goes unhandled while an earlier one is awaited.
 */
export async function* mapAhead<T, R>(
  source: AsyncIterable<T>,
  work: (item: T) => Promise<R>,
  ahead: number,
): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const inFlight: Promise<R>[] = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && inFlight.length < ahead) {
        const next = await iterator.next();
        if (next.done === true) exhausted = true;
        else inFlight.push(work(next.value));
      }
      const head = inFlight.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}

function refOf(execution: WorkflowExecutionInfo): RunRef {
  return { workflowId: execution.workflowId, runId: execution.runId };
}

function visibilityError(error: unknown, query: string | undefined): unknown {
  // Asking again never helps a server that has no visibility API: not an outage, a failure of its own.
  if (grpcCodeOf(error) === grpcStatus.unimplemented) {
    return new TemporalReplayError(
      'TEMPORAL_FEATURE_UNAVAILABLE',
      'This Temporal server cannot list workflow runs (the time-skipping server of training mode has no ' +
        'visibility API): name the runs to replay by their workflow ids',
      { cause: error },
    );
  }
  if (grpcCodeOf(error) !== grpcStatus.invalidArgument) return error;
  return new TemporalReplayError(
    'VISIBILITY_QUERY_INVALID',
    `The server refused the visibility query ${JSON.stringify(query ?? '')}: ${messageOf(error)}`,
    { cause: error },
  );
}

import { isGrpcDeadlineError, type Client, type QueryDefinition } from '@temporalio/client';

/** How long one asking waits for its answer. */
export const queryAttemptMs = 8_000;

/**
 * Asks a workflow a query, and asks once more when the first asking goes unanswered in time. A query
 * reaches a workflow through a task on its worker; a run that completes while a query waits for it (a
 * batch publishing its list ends) can be evicted with that task still buffered, and the query would then
 * wait for the server's own limit. The second asking replays the closed run and answers. Two misses are
 * the deadline error itself, an outage to the caller (503 with Retry-After).
 */
export function queryWorkflow<Ret, Args extends unknown[]>(
  client: Client,
  workflowId: string,
  query: QueryDefinition<Ret, Args>,
  ...args: Args
): Promise<Ret> {
  const handle = client.workflow.getHandle(workflowId);
  return askedAgainWhenUnanswered(() =>
    client.withDeadline(Date.now() + queryAttemptMs, () => handle.query(query, ...args)),
  );
}

/** Runs `ask`, and once more when it failed on its deadline; any other failure is the caller's. */
export async function askedAgainWhenUnanswered<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (!isGrpcDeadlineError(error)) throw error;
    return ask();
  }
}

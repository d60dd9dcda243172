import {
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { defaultApiSettings, type ApiSettings } from '../api.tokens';
import { bilingualProblem } from '../errors/problem';

/**
 * Sends a command as a workflow Update (with a fresh Update id) and waits for its answer, at most the
 * configured command timeout. An answer that does not come in time is 503 `STEP_OUTCOME_UNKNOWN`: the
 * step may still be recorded, and the same request with the same Idempotency-Key learns its outcome
 * (docs/decisions/0060). A workflow that does not exist is WorkflowNotFoundError, for the route to say
 * what that means (`whenWorkflowMissing`).
 */
export async function sendCommand<Ret, Args extends [unknown, ...unknown[]]>(
  client: Client,
  settings: Pick<ApiSettings, 'commandTimeoutMs'>,
  command: { readonly workflowId: string; readonly update: UpdateDefinition<Ret, Args>; readonly args: Args },
): Promise<Ret> {
  const timeoutMs = settings.commandTimeoutMs ?? defaultApiSettings.commandTimeoutMs;
  try {
    return await client.withDeadline(Date.now() + timeoutMs, () =>
      client.workflow.getHandle(command.workflowId).executeUpdate(command.update, { args: command.args }),
    );
  } catch (error) {
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw outcomeUnknown(timeoutMs);
    throw error;
  }
}

function outcomeUnknown(timeoutMs: number) {
  const seconds = Math.round(timeoutMs / 1000);
  return bilingualProblem(
    503,
    'STEP_OUTCOME_UNKNOWN',
    'Service Unavailable',
    {
      en:
        `The step was not answered within ${seconds} s; it may still be recorded. Send the same request ` +
        'again with the same Idempotency-Key to learn its outcome.',
      zh: `该步骤在 ${seconds} 秒内未获应答，仍可能被记录。请使用相同的幂等键重新发送同一请求以获知结果。`,
    },
    { 'Retry-After': '5' },
  );
}

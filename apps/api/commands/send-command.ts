import {
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { defaultApiSettings, type ApiSettings } from '../api.tokens';
import { bilingualProblem } from '../errors/problem';
import { mayHaveBeenRecorded } from './update-delivery';

/**
 * Sends a command as a workflow Update (with a fresh Update id) and waits for its answer, at most the
 * configured command timeout. An answer that does not come in time, and any failure after which the
 * Update may have reached its workflow (update-delivery.ts), is 503 `STEP_OUTCOME_UNKNOWN`: the step may
 * still be recorded, and the same request with the same Idempotency-Key learns its outcome
 * (docs/decisions/0060, 0141). A workflow that does not exist is WorkflowNotFoundError, for the route to say
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
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw notAnsweredInTime(timeoutMs);
    if (mayHaveBeenRecorded(error)) throw answerLost();
    throw error;
  }
}

const learnTheOutcome = {
  en: 'Send the same request again with the same Idempotency-Key to learn its outcome.',
  zh: '请使用相同的幂等键重新发送同一请求以获知结果。',
};

function notAnsweredInTime(timeoutMs: number) {
  const seconds = Math.round(timeoutMs / 1000);
  return outcomeUnknown({
    en: `The step was not answered within ${seconds} s; it may still be recorded. ${learnTheOutcome.en}`,
    zh: `该步骤在 ${seconds} 秒内未获应答，仍可能被记录。${learnTheOutcome.zh}`,
  });
}

function answerLost() {
  return outcomeUnknown({
    en: `The workflow service failed before the step was answered; it may still be recorded. ${learnTheOutcome.en}`,
    zh: `工作流服务在该步骤应答前出现故障，该步骤仍可能被记录。${learnTheOutcome.zh}`,
  });
}

function outcomeUnknown(message: { en: string; zh: string }) {
  return bilingualProblem(503, 'STEP_OUTCOME_UNKNOWN', 'Service Unavailable', message, {
    'Retry-After': '5',
  });
}

import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type UpdateDefinition,
  type WorkflowHandle,
} from '@temporalio/client';
import { defaultApiSettings, type ApiSettings } from '../api.tokens';
import { bilingualProblem } from '../errors/problem';
import { withUpdateAttempts, type UpdateAttempts } from '../../../infra/temporal/update-attempts';
import { mayHaveBeenRecorded } from './update-delivery';

/**
 * Sends a command as a workflow Update (with a fresh Update id) and waits for its answer, at most the
 * configured command timeout. An answer that does not come in time, and any failure after which the
 * Update may have reached its workflow (update-delivery.ts), is 503 `STEP_OUTCOME_UNKNOWN`: the step may
 * still be recorded, and the same request with the same Idempotency-Key learns its outcome
 * (docs/decisions/0060, 0141). A workflow that does not exist is WorkflowNotFoundError, for the route to say
 * what that means (`whenWorkflowMissing`); one that runs but was "not found" is asked again (0142).
 */
export async function sendCommand<Ret, Args extends [unknown, ...unknown[]]>(
  client: Client,
  settings: Pick<ApiSettings, 'commandTimeoutMs'>,
  command: { readonly workflowId: string; readonly update: UpdateDefinition<Ret, Args>; readonly args: Args },
): Promise<Ret> {
  const timeoutMs = settings.commandTimeoutMs ?? defaultApiSettings.commandTimeoutMs;
  const handle = client.workflow.getHandle(command.workflowId);
  const send = () => handle.executeUpdate(command.update, { args: command.args });
  const attempts: UpdateAttempts = { mayHaveReachedIt: false };
  try {
    return await withUpdateAttempts(attempts, () =>
      client.withDeadline(Date.now() + timeoutMs, async () => {
        try {
          return await send();
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError) || !(await runsNow(handle))) throw error;
          return sendToTheRunNowCurrent(send);
        }
      }),
    );
  } catch (error) {
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw notAnsweredInTime(timeoutMs);
    if (mayHaveBeenRecorded(error)) throw answerLost();
    // The client reports its last attempt only: an earlier one may have reached the workflow (0143).
    if (error instanceof ServiceError && attempts.mayHaveReachedIt) throw answerLost();
    throw error;
  }
}

/**
 * "Not found" for a workflow that runs: the Update met a run as it handed over to the next (continue-as-new),
 * and Temporal may still have applied it to the next run (docs/decisions/0142). Sent once more, it reaches
 * the run now current, which answers a command it already recorded with that step (its id is the same) and
 * decides one it has not. Still "not found": the step's outcome is not known.
 */
async function sendToTheRunNowCurrent<Ret>(send: () => Promise<Ret>): Promise<Ret> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw answerLost();
    throw error;
  }
}

/** Whether the workflow has a running execution; a describe that fails leaves it unknown: not answered. */
async function runsNow(handle: WorkflowHandle): Promise<boolean> {
  try {
    return (await handle.describe()).status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw answerLost();
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

/**
 * Why a step was not recorded when no rule refused it: what the store answered (or did not). Each has a
 * stable code and messages in Chinese and English, like a domain refusal, and travels the same way (an
 * ApplicationFailure whose type is the code), so the API maps it without parsing messages
 * (docs/decisions/0060-certain-step-outcomes.md).
 */
import type { RefusalDetails } from './refusal-failure';

export const stepFailureCodes = {
  /** Decided, sent to the store, not confirmed: it stays pending and is recorded before anything else. */
  notConfirmed: 'STEP_NOT_CONFIRMED',
  /** The store did not answer and nothing was decided: the step may simply be sent again. */
  storeUnavailable: 'EVENT_STORE_UNAVAILABLE',
  /** The store refused the data for good (text it cannot hold, an append too large): nothing recorded. */
  dataRefused: 'EVENT_DATA_REFUSED',
  /** The stream kept moving under the step, however often it was decided again: nothing recorded. */
  streamConflict: 'STREAM_VERSION_CONFLICT',
  /** The step's event ids are stored, but not as this step: nothing recorded. */
  eventIdConflict: 'EVENT_ID_CONFLICT',
  /** The command id names a step already taken with another request. */
  commandReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;

export type StepFailureCode = (typeof stepFailureCodes)[keyof typeof stepFailureCodes];

export function notConfirmed(commandId: string): RefusalDetails {
  return {
    code: stepFailureCodes.notConfirmed,
    messageEn:
      'The step was decided but the event store has not confirmed it. It stays pending and is recorded ' +
      'before any other step once the store answers; send the same request again (same Idempotency-Key) ' +
      'to learn its outcome.',
    messageZh:
      '该步骤已作出决定，但事件存储尚未确认。它将保持待定，并在存储恢复应答后先于其他任何步骤被记录；' +
      '请使用相同的幂等键重新发送同一请求以获知结果。',
    details: { commandId },
  };
}

export function storeUnavailable(reason: string): RefusalDetails {
  return {
    code: stepFailureCodes.storeUnavailable,
    messageEn: 'The event store is not answering; nothing was decided or recorded. Retry shortly.',
    messageZh: '事件存储暂无应答；未作出任何决定，也未记录任何内容。请稍后重试。',
    details: { reason },
  };
}

export function dataRefused(reason: string): RefusalDetails {
  return {
    code: stepFailureCodes.dataRefused,
    messageEn: `The event store refused the step's data, so nothing was recorded: ${reason}`,
    messageZh: '事件存储拒绝了该步骤的数据，未记录任何内容。',
    details: { reason },
  };
}

export function streamConflict(stream: string): RefusalDetails {
  return {
    code: stepFailureCodes.streamConflict,
    messageEn: `The record of ${stream} kept changing while the step was decided; nothing was recorded. Retry.`,
    messageZh: `在作出决定期间 ${stream} 的记录持续变化；未记录任何内容。请重试。`,
    details: { stream },
  };
}

export function eventIdConflict(reason: string): RefusalDetails {
  return {
    code: stepFailureCodes.eventIdConflict,
    messageEn: `The step's event ids are already stored as another step; nothing was recorded: ${reason}`,
    messageZh: '该步骤的事件标识已作为另一步骤存储；未记录任何内容。',
    details: { reason },
  };
}

export function commandReused(commandId: string): RefusalDetails {
  return {
    code: stepFailureCodes.commandReused,
    messageEn: 'This Idempotency-Key was already used for a different request; use a new key.',
    messageZh: '该幂等键已用于另一个不同的请求，请使用新的键。',
    details: { commandId },
  };
}

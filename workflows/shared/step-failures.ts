import type { RefusalDetails } from './refusal-failure';

/**
 * Why a step was not recorded when no rule refused it. Each travels as a domain refusal does (an
 * ApplicationFailure whose type is its stable code, messages in zh and en), so the API maps it (0060).
 */
export const stepFailureCodes = {
  notConfirmed: 'STEP_NOT_CONFIRMED',
  storeUnavailable: 'EVENT_STORE_UNAVAILABLE',
  dataRefused: 'EVENT_DATA_REFUSED',
  streamConflict: 'STREAM_VERSION_CONFLICT',
  eventIdConflict: 'EVENT_ID_CONFLICT',
  commandReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;

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

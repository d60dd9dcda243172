/**
 * Why a step was not recorded when no rule refused it (decision 0060): the record's own reasons, each
 * with a stable code and a Chinese and English message. They travel as refusals do (an
 * ApplicationFailure whose type is the code, its details a `RefusalDetails`), so the API answers them alike.
 */
import { fillTemplate, type BilingualCatalogue } from './bilingual-text';
import type { RefusalDetails } from './domain-refusal';

export const recordingFailureCatalogue = {
  STEP_NOT_CONFIRMED: {
    en:
      'The step was decided but the event store has not confirmed it. It stays pending and is recorded ' +
      'before any other step once the store answers; send the same request again (same Idempotency-Key) ' +
      'to learn its outcome.',
    zh:
      '该步骤已作出决定，但事件存储尚未确认。它将保持待定，并在存储恢复应答后先于其他任何步骤被记录；' +
      '请使用相同的幂等键重新发送同一请求以获知结果。',
  },
  EVENT_STORE_UNAVAILABLE: {
    en: 'The event store is not answering; nothing was decided or recorded. Retry shortly.',
    zh: '事件存储暂无应答；未作出任何决定，也未记录任何内容。请稍后重试。',
  },
  EVENT_DATA_REFUSED: {
    en: "The event store refused the step's data, so nothing was recorded: {reason}",
    zh: '事件存储拒绝了该步骤的数据，未记录任何内容。',
  },
  STREAM_VERSION_CONFLICT: {
    en: 'The record of {stream} kept changing while the step was decided; nothing was recorded. Retry.',
    zh: '在作出决定期间 {stream} 的记录持续变化；未记录任何内容。请重试。',
  },
  EVENT_ID_CONFLICT: {
    en: "The step's event ids are already stored as another step; nothing was recorded: {reason}",
    zh: '该步骤的事件标识已作为另一步骤存储；未记录任何内容。',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This Idempotency-Key was already used for a different request; use a new key.',
    zh: '该幂等键已用于另一个不同的请求，请使用新的键。',
  },
} as const satisfies BilingualCatalogue;

export type RecordingFailureCode = keyof typeof recordingFailureCatalogue;

/** The failure as it travels, its messages filled from `details` (`reason`, `stream`, `commandId`). */
export function recordingFailure(
  code: RecordingFailureCode,
  details: Readonly<Record<string, string>>,
): RefusalDetails {
  const { en, zh } = recordingFailureCatalogue[code];
  return { code, messageEn: fillTemplate(en, details), messageZh: fillTemplate(zh, details), details };
}

/**
 * The HTTP edge's own problems — a request it cannot read or route, fields it refuses, a service that is
 * not there — each with its message in English and in Chinese, as the domain's refusals have theirs
 * (domain/shared/refusal-catalogue.ts). Keys are the problems' stable codes; `{name}` placeholders are
 * filled from the details of the one case.
 */
import {
  fillTemplate,
  type BilingualCatalogue,
  type BilingualText,
} from '../../../domain/shared/bilingual-text';

export const problemCatalogue = {
  // Fields a request gets wrong; each is named in `errors`.
  VALIDATION_FAILED: { en: 'Invalid {fields}.', zh: '以下字段有误：{fields}。' },
  FIELDS_INCONSISTENT: {
    en: 'These fields do not fit together: {fields}.',
    zh: '以下字段相互矛盾：{fields}。',
  },
  REFERENCE_NOT_FOUND: { en: 'Nothing exists as named by {fields}.', zh: '{fields} 所指的对象不存在。' },
  // The request as a whole.
  NOT_FOUND: { en: 'There is nothing here: {reason}.', zh: '此处没有任何资源：{reason}。' },
  HTTP_ERROR: {
    en: 'The request could not be served (HTTP {status}): {reason}',
    zh: '请求未能处理（HTTP {status}）：{reason}',
  },
  MALFORMED_JSON: { en: 'The request body is not valid JSON.', zh: '请求体不是有效的 JSON。' },
  JSON_TOO_DEEP: {
    en: 'The request body nests deeper than {depth} levels.',
    zh: '请求体的嵌套层级超过 {depth} 层。',
  },
  BODY_NOT_UTF8: {
    en: 'The request body is not UTF-8: send JSON encoded in UTF-8.',
    zh: '请求体不是 UTF-8 编码：JSON 请求体须以 UTF-8 编码。',
  },
  PAYLOAD_TOO_LARGE: { en: 'The request body is larger than {limit}.', zh: '请求体超过 {limit}。' },
  REQUEST_BODY_UNREADABLE: { en: 'The request body could not be read.', zh: '无法读取请求体。' },
  // The API itself, or what it depends on.
  INTERNAL_ERROR: {
    en: 'An unexpected error occurred; it has been logged.',
    zh: '发生了意外错误，已记入日志。',
  },
  STEP_FAILED: { en: 'The step failed unexpectedly.', zh: '该步骤意外失败。' },
  TEMPORAL_UNAVAILABLE: {
    en: 'The workflow service is unavailable; retry shortly.',
    zh: '工作流服务暂不可用，请稍后重试。',
  },
  TEMPORAL_FEATURE_UNAVAILABLE: {
    en: 'This Temporal server cannot answer that (the time-skipping server of training mode has no visibility API to list workflows).',
    zh: '当前 Temporal 服务不支持此项查询（演练模式使用的时间跳跃测试服务器没有可见性接口，无法列出工作流）。',
  },
  WORKFLOW_NOT_READY: {
    en: 'The batch or programme is taking over from its previous run and does not answer yet; retry shortly.',
    zh: '该批次或计划正在接续上一轮运行，暂时无法应答，请稍后重试。',
  },
  ENTITY_BUSY: {
    en: 'Too many steps are being taken on this batch, town or programme at once; nothing was recorded. Retry shortly.',
    zh: '该批次、小镇或计划同时处理的步骤过多，本次未作任何记录，请稍后重试。',
  },
  // The audit tools' own failures, as they describe them.
  AUDIT_TOWN_NOT_FOUND: { en: '{reason}', zh: '找不到该小镇：{reason}' },
  STORE_NOT_CHAINED: { en: '{reason}', zh: '该事件存储没有哈希链，无法审计：{reason}' },
  STATE_FOLD_FAILED: { en: '{reason}', zh: '无法还原当时的状态：{reason}' },
} as const satisfies BilingualCatalogue;

export type ProblemCatalogueCode = keyof typeof problemCatalogue;

/** The entry's messages, filled from `details`. */
export function problemMessage(
  code: ProblemCatalogueCode,
  details: Readonly<Record<string, unknown>> = {},
): BilingualText {
  const { en, zh } = problemCatalogue[code];
  return { en: fillTemplate(en, details), zh: fillTemplate(zh, details) };
}

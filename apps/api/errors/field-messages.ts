import type { FieldProblem } from './problem';

/**
 * The Chinese of a field's problem, for a field problem made without one (class-validator's constraints,
 * the API's own checks): by its code, with the field's name and, where the English gives one, the limit
 * (class-validator says it only in its English message). Problems made with their Chinese (the text
 * rule, the deciders' refusals) keep it.
 */
const byCode: Readonly<Record<string, (field: string, limit: string | undefined) => string>> = {
  REQUIRED: (field) => `${field} 为必填项。`,
  UNKNOWN_FIELD: (field) => `${field} 不是此请求的字段。`,
  INVALID_IS_STRING: (field) => `${field} 应为文本。`,
  INVALID_IS_INT: (field) => `${field} 应为整数。`,
  INVALID_IS_NUMBER: (field) => `${field} 应为数字。`,
  INVALID_IS_BOOLEAN: (field) => `${field} 应为 true 或 false。`,
  INVALID_IS_ARRAY: (field) => `${field} 应为数组。`,
  INVALID_IS_OBJECT: (field) => `${field} 应为对象。`,
  INVALID_NESTED_VALIDATION: (field) => `${field} 应为对象。`,
  INVALID_MIN: (field, limit) => `${field} 不得小于 ${limit ?? '允许的最小值'}。`,
  INVALID_MAX: (field, limit) => `${field} 不得大于 ${limit ?? '允许的最大值'}。`,
  INVALID_MAX_LENGTH: (field, limit) => `${field} 不得超过 ${limit ?? '允许的'} 个字符。`,
  INVALID_ARRAY_MAX_SIZE: (field, limit) => `${field} 至多 ${limit ?? '允许的'} 项。`,
  INVALID_ARRAY_MIN_SIZE: (field, limit) => `${field} 至少 ${limit ?? '一'} 项。`,
  INVALID_IS_IN: (field) => `${field} 不是允许的取值之一。`,
  INVALID_MATCHES: (field) => `${field} 的格式不正确。`,
  INVALID_IS_NOT_EMPTY: (field) => `${field} 不得为空。`,
  INVALID_UUID: (field) => `${field} 应为 UUID。`,
  INVALID_IS_RECORD_OF_STRINGS: (field) => `${field} 应为键值均为文本的对象。`,
  INVALID_IS_RECORD_OF_NUMBERS: (field) => `${field} 应为值均为允许范围内数字的对象。`,
  INVALID_IS_RECORD_OF_BOOLEANS: (field) => `${field} 应为值均为 true 或 false 的对象。`,
  INVALID_YEAR: (field) => `${field} 应为有效的年份。`,
  UNKNOWN_KIND: (field) => `${field} 不是已知的种类。`,
  UNKNOWN_CODE: (field) => `${field} 不是本方案的代码之一。`,
  TEXT_NOT_WELL_FORMED: (field) => `${field} 不是合法的 UTF-8 文本。`,
  RATING_UNKNOWN: (field) => `${field} 不是本方案的评级之一。`,
  POLICY_UNKNOWN: (field) => `${field} 既不是内置的政策包，也不是本方案的政策包。`,
  WORKFLOW_NOT_FOUND: (field) => `${field} 所指的工作流不存在。`,
  TOWN_NOT_FOUND: (field) => `${field} 所指的小镇不存在。`,
  INVALID_POSITION: (field) => `${field} 应为事件日志中的全局位置（非负整数）。`,
  POSITION_NOT_IN_LOG: (field) => `${field} 超出了事件日志的最后位置。`,
  INVALID_IDEMPOTENCY_KEY: (field) => `${field} 应为 1–255 个不含空格的可打印 ASCII 字符。`,
  COUNTY_UNKNOWN: (field) => `${field} 不是本方案所列的县区。`,
  UNIT_UNKNOWN: (field) => `${field} 不是本方案所列的成员单位。`,
  COUNTY_NOT_APPLICABLE: (field) => `该席位不属于任何县区，不应填写 ${field}。`,
  UNIT_NOT_APPLICABLE: (field) => `该席位不属于任何成员单位，不应填写 ${field}。`,
};

/** The field problem's message in Chinese: its own, else by its code, else the English with its code. */
export function fieldMessageZh(problem: FieldProblem): string {
  if (problem.messageZh) return problem.messageZh;
  const byItsCode = byCode[problem.code];
  if (byItsCode) return byItsCode(problem.field, limitIn(problem.message));
  return `${problem.field} 不符合要求（${problem.code}）：${problem.message}`;
}

/** The number class-validator's English names as the limit ("must not be greater than 100"). */
function limitIn(message: string): string | undefined {
  return /(-?\d+(?:\.\d+)?)/.exec(message)?.[1];
}

/** The codes given a Chinese message here: a test holds every constraint our DTOs use to it. */
export const fieldCodesWithChinese: readonly string[] = Object.keys(byCode);

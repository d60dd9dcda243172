/**
 * The text rule (domain/shared/text-rule.ts) as the API applies it to every piece of text it takes — body
 * values and property names, query values, path segments: text that breaks it is refused with 400 naming
 * the field; nothing is changed silently (docs/decisions/0082).
 */
import {
  barredControls,
  textProblemOf,
  textProblemText,
  type TextProblemCode,
} from '../../../domain/shared/text-rule';
import type { FieldProblem } from '../errors/problem';

/** The rule's character half as an OpenAPI `pattern` (normalisation form C cannot be a pattern). */
export const textPattern = `^[^${barredControls}]*$`;

/**
 * Every text in a parsed value, property names included, checked against the rule; each problem names
 * its field by path (`documents.special-plan`, `reasons.0`). Iterative, so no depth of nesting can
 * exhaust the stack (the body parser bounds the depth anyway).
 */
export function textProblems(value: unknown, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; field: string }[] = [{ value, field }];
  const report = (at: string, code: TextProblemCode, what: { en: string; zh: string }) =>
    problems.push({
      field: at,
      code,
      message: `${what.en} ${textProblemText[code].en}`,
      messageZh: `${what.zh}${textProblemText[code].zh}`,
    });
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, field: path } = next;
    if (typeof current === 'string') {
      const code = textProblemOf(current);
      if (code) report(path, code, { en: path, zh: `${path} ` });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, field: join(path, String(index)) }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const code = textProblemOf(key);
        // A bad property name is named by where it stands, not by itself.
        if (code)
          report(path || 'body', code, {
            en: `a property name in ${path || 'the body'}`,
            zh: `${path || '请求体'}中的一个属性名`,
          });
        else pending.push({ value: item, field: join(path, key) });
      }
    }
  }
  return problems;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

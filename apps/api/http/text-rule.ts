import type { FieldProblem } from '../errors/problem';

/**
 * One rule for every piece of text the API takes — body values and property names, query values, path
 * segments: well-formed Unicode (no lone surrogate), no control character other than tab, line feed and
 * carriage return (free text may have lines), and Unicode normalisation form C, so that one name is
 * stored one way and compares equal however it was typed. Text that breaks it is refused with 400
 * naming the field; nothing is changed silently (docs/decisions/0082).
 */
export type TextProblemCode = 'TEXT_NOT_WELL_FORMED' | 'TEXT_CONTROL_CHARACTER' | 'TEXT_NOT_NFC';

/** The control characters the rule bars (C0 but tab, LF and CR; DEL; C1), as a regular-expression class. */
export const barredControls = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';

/** The rule's character half as an OpenAPI `pattern` (normalisation form C cannot be a pattern). */
export const textPattern = `^[^${barredControls}]*$`;

const controlCharacter = new RegExp(`[${barredControls}]`);
/** With the `u` flag a surrogate pair reads as one code point, so only a lone surrogate matches. */
const loneSurrogate = /[\uD800-\uDFFF]/u;

const messages: Readonly<Record<TextProblemCode, string>> = {
  TEXT_NOT_WELL_FORMED: 'is not well-formed Unicode (it holds a lone surrogate)',
  TEXT_CONTROL_CHARACTER: 'holds a control character',
  TEXT_NOT_NFC: 'is not in Unicode normalisation form C (NFC)',
};

export function textProblemOf(text: string): TextProblemCode | undefined {
  if (loneSurrogate.test(text)) return 'TEXT_NOT_WELL_FORMED';
  if (controlCharacter.test(text)) return 'TEXT_CONTROL_CHARACTER';
  if (text.normalize('NFC') !== text) return 'TEXT_NOT_NFC';
  return undefined;
}

/**
 * Every text in a parsed value, property names included, checked against the rule; each problem names
 * its field by path (`documents.special-plan`, `reasons.0`). Iterative, so no depth of nesting can
 * exhaust the stack (the body parser bounds the depth anyway).
 */
export function textProblems(value: unknown, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; field: string }[] = [{ value, field }];
  const report = (at: string, code: TextProblemCode, what: string) =>
    problems.push({ field: at, code, message: `${what} ${messages[code]}` });
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, field: path } = next;
    if (typeof current === 'string') {
      const code = textProblemOf(current);
      if (code) report(path, code, path);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, field: join(path, String(index)) }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const code = textProblemOf(key);
        // A bad property name is named by where it stands, not by itself.
        if (code) report(path || 'body', code, `a property name in ${path || 'the body'}`);
        else pending.push({ value: item, field: join(path, key) });
      }
    }
  }
  return problems;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

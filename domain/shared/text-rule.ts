import type { BilingualText } from './bilingual-text';

/**
 * The rule every piece of text that enters the system obeys — what the API takes in a request, and the
 * claims of the tokens that name its callers: well-formed Unicode (no lone surrogate), no control
 * character other than tab, line feed and carriage return (free text may have lines), and Unicode
 * normalisation form C, so that one name is stored one way and compares equal however it was typed. Text
 * that breaks it is refused, never changed silently (docs/decisions/0082).
 */
export type TextProblemCode = 'TEXT_NOT_WELL_FORMED' | 'TEXT_CONTROL_CHARACTER' | 'TEXT_NOT_NFC';

/** The control characters the rule bars (C0 but tab, LF and CR; DEL; C1), as a regular-expression class. */
export const barredControls = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';

const controlCharacter = new RegExp(`[${barredControls}]`);
/** With the `u` flag a surrogate pair reads as one code point, so only a lone surrogate matches. */
const loneSurrogate = /[\uD800-\uDFFF]/u;

/** What each problem says after the name of the text that has it ("name holds a control character"). */
export const textProblemText: Readonly<Record<TextProblemCode, BilingualText>> = {
  TEXT_NOT_WELL_FORMED: {
    en: 'is not well-formed Unicode (it holds a lone surrogate)',
    zh: '不是合法的 Unicode 文本（含孤立的代理码元）',
  },
  TEXT_CONTROL_CHARACTER: { en: 'holds a control character', zh: '含有控制字符' },
  TEXT_NOT_NFC: {
    en: 'is not in Unicode normalisation form C (NFC)',
    zh: '不是 Unicode 标准化形式 C（NFC）',
  },
};

export function textProblemOf(text: string): TextProblemCode | undefined {
  if (loneSurrogate.test(text)) return 'TEXT_NOT_WELL_FORMED';
  if (controlCharacter.test(text)) return 'TEXT_CONTROL_CHARACTER';
  if (text.normalize('NFC') !== text) return 'TEXT_NOT_NFC';
  return undefined;
}

import { textProblemOf } from '../../../domain/shared/text-rule';
import { textProblems } from '../../../apps/api/http/text-rule';

describe('the text rule: well-formed, no control characters, NFC', () => {
  it.each([
    ['麻山汽车风情小镇', undefined],
    ['line one\nline two\r\n\tindented', undefined],
    ['a pair 𠀀 (U+20000) is one character', undefined],
    ['café', undefined],
    ['a\u0000b', 'TEXT_CONTROL_CHARACTER'],
    ['bell\u0007', 'TEXT_CONTROL_CHARACTER'],
    ['delete\u007f', 'TEXT_CONTROL_CHARACTER'],
    ['c1\u0085', 'TEXT_CONTROL_CHARACTER'],
    ['\ud800', 'TEXT_NOT_WELL_FORMED'],
    ['low \udc00 alone', 'TEXT_NOT_WELL_FORMED'],
    ['cafe\u0301', 'TEXT_NOT_NFC'],
    ['\u212b', 'TEXT_NOT_NFC'],
  ])('%j → %s', (text, code) => {
    expect(textProblemOf(text)).toBe(code);
  });

  it('names every bad text of a body by its path, property names included', () => {
    expect(
      textProblems(
        {
          name: 'a\u0000b',
          documents: { 'special-plan': 'ok', 'work-plan': '\ud800' },
          reasons: ['fine', 'e\u0301'],
          statistics: { 'jobs\u0000': 1 },
          score: 3,
        },
        '',
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', code: 'TEXT_CONTROL_CHARACTER' }),
        expect.objectContaining({ field: 'documents.work-plan', code: 'TEXT_NOT_WELL_FORMED' }),
        expect.objectContaining({ field: 'reasons.1', code: 'TEXT_NOT_NFC' }),
        expect.objectContaining({ field: 'statistics', code: 'TEXT_CONTROL_CHARACTER' }),
      ]),
    );
    expect(textProblems({ name: '麻山', n: [1, { deep: 'ok' }] }, '')).toEqual([]);
  });

  it('walks a deep value without recursion', () => {
    let deep: unknown = 'a\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(textProblems(deep, '')).toHaveLength(1);
  });
});

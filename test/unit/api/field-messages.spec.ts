import { getMetadataStorage } from 'class-validator';
import { fieldCodesWithChinese, fieldMessageZh } from '../../../apps/api/errors/field-messages';
import { constraintCode } from '../../../apps/api/errors/validation.pipe';
import { dtoClasses } from '../../helpers/api-dto-classes';

/** class-validator keeps every constraint any loaded DTO declares, by its class; their names, here. */
function declaredConstraintNames(): string[] {
  const storage = getMetadataStorage() as unknown as {
    constraintMetadatas: Map<unknown, readonly { name: string }[]>;
  };
  return [...storage.constraintMetadatas.values()].flat().map((constraint) => constraint.name);
}

/**
 * A field's problem is answered in Chinese too (`messageZh`, and `message` under `Accept-Language: zh`),
 * never left in English for an official working in Chinese: every constraint a DTO of the API declares has
 * its Chinese by code.
 */
describe("a field's problem in Chinese", () => {
  it('has a Chinese message for every constraint the DTOs declare', async () => {
    await dtoClasses();
    const codes = [...new Set(declaredConstraintNames().map(constraintCode))].sort();
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !fieldCodesWithChinese.includes(code))).toEqual([]);
  });

  it.each([
    [
      { field: 'score', code: 'INVALID_MAX', message: 'score must not be greater than 100' },
      'score 不得大于 100。',
    ],
    [
      {
        field: 'assessment',
        code: 'INVALID_MAX_LENGTH',
        message: 'assessment must be shorter than or equal to 4000 characters',
      },
      'assessment 不得超过 4000 个字符。',
    ],
    [{ field: 'name', code: 'REQUIRED', message: 'name is required' }, 'name 为必填项。'],
    [
      {
        field: 'county',
        code: 'COUNTY_UNKNOWN',
        message: '"x" is not…',
        messageZh: '“x”不是本方案所列的县区。',
      },
      '“x”不是本方案所列的县区。',
    ],
  ])('%j is said as %s', (problem, zh) => {
    expect(fieldMessageZh(problem)).toBe(zh);
  });

  it('says a code it has no Chinese for with the code and the English, never nothing', () => {
    expect(fieldMessageZh({ field: 'x', code: 'SOMETHING_NEW', message: 'x is odd' })).toBe(
      'x 不符合要求（SOMETHING_NEW）：x is odd',
    );
  });
});

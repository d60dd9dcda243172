import type { ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from '../../../apps/api/errors/problem';
import { pingxiang2017 } from '../../../domain/policy';
import { RequestValidationPipe } from '../../../apps/api/errors/validation.pipe';
import { ApplyForTownDto } from '../../../apps/api/towns/apply-for-town.dto';
import { TownListQueryDto } from '../../../apps/api/towns/town-list-query.dto';
import { SubmitPlanDto } from '../../../apps/api/towns/town-planning.dto';
import { RateTownDto } from '../../../apps/api/towns/town-review.dto';
import { mashanApplication } from '../../helpers/http-officials';

const pipe = new RequestValidationPipe(pingxiang2017);
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

/** The fields and codes the pipe refuses `value` with, in one answer; none when it takes it. */
async function refused(value: unknown, metadata: ArgumentMetadata) {
  try {
    await pipe.transform(value, metadata);
    return [];
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return (error.problem.errors ?? []).map(({ field, code }) => ({ field, code }));
  }
}

const application = mashanApplication;

describe('the validation pipe: every wrong field at once, each once, for the reason that applies', () => {
  it('takes a good body, as its DTO', async () => {
    await expect(pipe.transform(application, body(ApplyForTownDto))).resolves.toBeInstanceOf(ApplyForTownDto);
  });

  it('names a missing field once, as missing, not by every constraint after it', async () => {
    const { name: _name, ...withoutName } = application;
    expect(await refused(withoutName, body(ApplyForTownDto))).toEqual([{ field: 'name', code: 'REQUIRED' }]);
  });

  it.each([
    ['a number as text', { score: '92', assessment: 'on site' }, 'score', 'INVALID_IS_NUMBER'],
    ['text as a number', { score: 92, assessment: 7 }, 'assessment', 'INVALID_IS_STRING'],
    ['a list as text', { score: 92, assessment: ['on site'] }, 'assessment', 'INVALID_IS_STRING'],
  ])('names %s once, as of the wrong type, not out of range too', async (_label, value, field, code) => {
    expect(await refused(value, body(RateTownDto))).toEqual([{ field, code }]);
  });

  it('still names every constraint a value of the right type breaks', async () => {
    expect(await refused({ score: 101, assessment: ' '.repeat(4001) }, body(RateTownDto))).toEqual([
      { field: 'score', code: 'INVALID_MAX' },
      { field: 'assessment', code: 'REQUIRED' },
      { field: 'assessment', code: 'INVALID_MAX_LENGTH' },
    ]);
  });

  it('names every wrong field of one body in one answer, the text rule among them', async () => {
    const value = { name: 'x\u0000', kind: 7, industry: 'leisure-tourism', budget: 1 };
    expect(await refused(value, body(ApplyForTownDto))).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'TEXT_CONTROL_CHARACTER' },
        { field: 'county', code: 'REQUIRED' },
        { field: 'kind', code: 'INVALID_IS_IN' },
        { field: 'batchId', code: 'REQUIRED' },
        { field: 'budget', code: 'UNKNOWN_FIELD' },
      ]),
    );
    expect(await refused(value, body(ApplyForTownDto))).toHaveLength(5);
  });

  it('names a field the text rule refuses once, by the text rule, and nothing under it', async () => {
    const value = { documents: { 'special-plan': 'doc://a\u0000', 'work\uD800': 'doc://b' } };
    expect(await refused(value, body(SubmitPlanDto))).toEqual([
      { field: 'documents', code: 'TEXT_NOT_WELL_FORMED' },
      { field: 'documents.special-plan', code: 'TEXT_CONTROL_CHARACTER' },
    ]);
  });

  it("names the pack's codes a query gets wrong with the rest", async () => {
    const query: ArgumentMetadata = { type: 'query', metatype: TownListQueryDto };
    expect(await refused({ county: '萍乡', batch: '2099', rating: 'fine', page: '0' }, query)).toEqual([
      { field: 'page', code: 'INVALID_MIN' },
      { field: 'county', code: 'COUNTY_UNKNOWN' },
      { field: 'batch', code: 'BATCH_UNKNOWN' },
      { field: 'rating', code: 'RATING_UNKNOWN' },
    ]);
    expect(await refused({ county: 'luxi', batch: '2017', rating: 'excellent' }, query)).toEqual([]);
  });

  it('names every wrong filter of a query at once', async () => {
    const query: ArgumentMetadata = { type: 'query', metatype: TownListQueryDto };
    expect(await refused({ page: 'first', pageSize: '1000', sort: 'name\u0007' }, query)).toEqual([
      { field: 'sort', code: 'TEXT_CONTROL_CHARACTER' },
      { field: 'page', code: 'INVALID_IS_INT' },
      { field: 'pageSize', code: 'INVALID_MAX' },
    ]);
  });
});

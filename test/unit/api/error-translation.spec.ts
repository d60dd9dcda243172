import { BadRequestException, NotFoundException } from '@nestjs/common';
import {
  ActivityFailure,
  ApplicationFailure,
  QueryNotRegisteredError,
  ServiceError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { RetryState } from '@temporalio/common';
import { toProblem } from '../../../apps/api/errors/error-translation';
import { validationProblem } from '../../../apps/api/errors/problem';
import { problemCatalogue } from '../../../apps/api/errors/problem-catalogue';
import { EventDataRefusedError } from '../../../infra/event-store/event-store.errors';
import { refuse } from '../../../domain/shared/domain-refusal';
import { recordingFailure, type RecordingFailureCode } from '../../../domain/shared/recording-failures';
import { refusalFailure } from '../../../workflows/shared/refusal-failure';

/** An Update that failed in the workflow with `cause`, as the client hands it over. */
function updateFailed(cause: Error): WorkflowUpdateFailedError {
  return new WorkflowUpdateFailedError('Workflow Update failed', cause);
}

/** An append's failure that reached the caller as it was (runs from before decision 0060). */
function appendFailed(type: string): WorkflowUpdateFailedError {
  const cause = ApplicationFailure.create({ message: `append failed: ${type}`, type, nonRetryable: true });
  return updateFailed(
    new ActivityFailure(
      'Activity task failed',
      'appendToStream',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      '',
      cause,
    ),
  );
}

describe('what a step the record did not take is answered with', () => {
  it.each<[string, RecordingFailureCode, Record<string, string>, number]>([
    ['not confirmed yet', 'STEP_NOT_CONFIRMED', { commandId: 'c-1' }, 503],
    ['decided nothing, the store away', 'EVENT_STORE_UNAVAILABLE', { reason: 'down' }, 503],
    ['data the store refuses', 'EVENT_DATA_REFUSED', { reason: '22P05' }, 400],
    ['a key used for another request', 'IDEMPOTENCY_KEY_REUSED', { commandId: 'c-1' }, 422],
    ['a stream that kept moving', 'STREAM_VERSION_CONFLICT', { stream: 'town-1' }, 409],
  ])('%s: %s, %i, in both languages', (_label, code, given, status) => {
    const details = recordingFailure(code, given);
    const { problem, headers } = toProblem(updateFailed(refusalFailure(details)));
    expect(problem).toMatchObject({
      status,
      code,
      messageEn: details.messageEn,
      messageZh: details.messageZh,
    });
    expect(headers['Retry-After'] !== undefined).toBe(status === 503);
  });

  it.each([
    ['WRONG_EXPECTED_VERSION', 409, 'STREAM_VERSION_CONFLICT'],
    ['EVENT_ID_CONFLICT', 409, 'EVENT_ID_CONFLICT'],
    ['EVENT_DATA_REFUSED', 400, 'EVENT_DATA_REFUSED'],
    ['Error', 503, 'EVENT_STORE_UNAVAILABLE'],
  ])('an append failing with %s is %i %s, not a blanket 503', (type, status, code) => {
    expect(toProblem(appendFailed(type)).problem).toMatchObject({ status, code });
  });

  it('answers data the store refused outside a workflow as a bad request', () => {
    expect(toProblem(new EventDataRefusedError('NUL in text')).problem).toMatchObject({
      status: 400,
      code: 'EVENT_DATA_REFUSED',
    });
  });

  it.each([
    [
      'a field the request alone gets wrong',
      refuse('INDUSTRY_DESCRIPTION_REQUIRED', { field: 'industryDescription' }),
      400,
    ],
    ['a field the record makes wrong', refuse('CONDITIONS_MISMATCH', { field: 'conditions' }), 422],
    ['no field: the lifecycle saying no', refuse('REVIEW_NOT_OPEN', { year: 2027 }), 409],
  ])('answers a refusal of %s with %i, naming the field where there is one', (_label, refusal, status) => {
    const { problem } = toProblem(updateFailed(refusalFailure(refusal.toJSON())));
    expect(problem).toMatchObject({ status, code: refusal.code });
    const field = refusal.details?.field;
    expect((problem as { errors?: unknown }).errors).toEqual(
      field === undefined ? undefined : [expect.objectContaining({ field, code: refusal.code })],
    );
  });
});

/** The server refusing a call with gRPC `code`, as the client hands it over (a ServiceError around it). */
function serverRefused(code: number, details: string): ServiceError {
  const grpc = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  return new ServiceError('Workflow Update failed', { cause: grpc });
}

describe('what a workflow with too many Updates in flight is answered with', () => {
  it('is 503 ENTITY_BUSY with Retry-After, in both languages, not an outage of Temporal', () => {
    const { problem, headers } = toProblem(
      serverRefused(8, 'limit on number of concurrent in-flight updates has been reached (10)'),
    );
    expect(problem).toMatchObject({ status: 503, code: 'ENTITY_BUSY' });
    expect(problem.messageZh).toMatch(/请稍后重试/);
    expect(headers['Retry-After']).toBe('5');
  });

  it.each([
    ['a namespace over its rate', 8, 'namespace rate limit exceeded'],
    ['a server that does not answer', 14, 'No connection established'],
  ])('leaves %s as TEMPORAL_UNAVAILABLE', (_label, code, details) => {
    expect(toProblem(serverRefused(code, details)).problem).toMatchObject({
      status: 503,
      code: 'TEMPORAL_UNAVAILABLE',
    });
  });
});

describe('what a query to a run still taking over is answered with', () => {
  it('is 503 WORKFLOW_NOT_READY with Retry-After, in both languages', () => {
    // What the client throws when the run has not registered the query yet (a hand-over's read).
    const { problem, headers } = toProblem(
      new QueryNotRegisteredError('Workflow did not register a handler for batchView', 3),
    );
    expect(problem).toMatchObject({ status: 503, code: 'WORKFLOW_NOT_READY' });
    expect(problem.messageZh).toMatch(/请稍后重试/);
    expect(headers['Retry-After']).toBe('5');
  });
});

describe('what the edge answers of its own: every problem in both languages', () => {
  it.each<[string, number, string, RegExp, unknown]>([
    ['no route for the path', 404, 'NOT_FOUND', /没有任何资源/, new NotFoundException('Cannot GET /x')],
    ['another HTTP error', 400, 'HTTP_400', /HTTP 400/, new BadRequestException('Bad thing')],
    ['anything unexpected', 500, 'INTERNAL_ERROR', /意外错误/, new Error('boom')],
    ['an unreadable body', 400, 'MALFORMED_JSON', /JSON/, { type: 'entity.parse.failed', status: 400 }],
  ])('%s: %i %s', (_label, status, code, chinese, error) => {
    const { problem } = toProblem(error);
    expect(problem).toMatchObject({ status, code, detail: problem.messageEn });
    expect(problem.messageEn.length).toBeGreaterThan(0);
    expect(problem.messageZh).toMatch(chinese);
    // Nothing but the one case's own words is left to fill in.
    expect(`${problem.messageEn}${problem.messageZh}`).not.toMatch(/\{\w+\}/);
  });

  it('names the fields of a bad request in both languages', () => {
    const { problem } = toProblem(
      validationProblem([
        { field: 'county', code: 'COUNTY_UNKNOWN', message: 'not a county' },
        { field: 'industry', code: 'INDUSTRY_UNKNOWN', message: 'not an industry' },
      ]),
    );
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.messageEn).toBe('Invalid county, industry.');
    expect(problem.messageZh).toBe('以下字段有误：county, industry。');
  });

  it.each([
    ['one field', ['name'], 'REQUIRED'],
    ['fields wrong in the same way', ['name', 'county'], 'REQUIRED'],
  ])('gives %s the code its fields share', (_label, fields, code) => {
    const { problem } = toProblem(
      validationProblem(fields.map((field) => ({ field, code, message: `${field} is required` }))),
    );
    expect(problem).toMatchObject({ status: 400, code, errors: fields.map((field) => ({ field, code })) });
  });
});

describe('the catalogue of the edge’s own problems', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

  it.each(Object.entries(problemCatalogue))('%s says the same in English and Chinese', (_code, text) => {
    expect(text.en.trim()).not.toBe('');
    expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(placeholders(text.zh)).toEqual(placeholders(text.en));
  });
});

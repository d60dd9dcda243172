import { HttpException } from '@nestjs/common';
import {
  ActivityFailure,
  ApplicationFailure,
  isGrpcServiceError,
  QueryNotRegisteredError,
  ServiceError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { DomainRefusal, isRefusalDetails, type RefusalDetails } from '../../../domain/shared/domain-refusal';
import { recordingFailure, type RecordingFailureCode } from '../../../domain/shared/recording-failures';
import {
  EventDataRefusedError,
  EventStoreUnavailableError,
} from '../../../infra/event-store/event-store.errors';
import { bodyParserProblem } from '../http/json-body';
import { problem, ProblemException, type Problem } from './problem';
import { problemMessage, type ProblemCatalogueCode } from './problem-catalogue';

const retryAfterSeconds = '5';
const grpcUnavailable = 14;
const grpcDeadlineExceeded = 4;
const grpcUnimplemented = 12;
const grpcResourceExhausted = 8;

/** Turns anything thrown while serving a request into one problem document; never leaks a stack. */
export function toProblem(error: unknown): { problem: Problem; headers: Record<string, string> } {
  if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers };
  const unreadableBody = bodyParserProblem(error);
  if (unreadableBody) return { problem: unreadableBody, headers: {} };
  if (error instanceof DomainRefusal) return refusalAnswer(error);
  if (error instanceof WorkflowUpdateFailedError) return fromUpdateFailure(error);
  if (error instanceof EventDataRefusedError) {
    return refusalAnswer(recordingFailure('EVENT_DATA_REFUSED', { reason: error.message }));
  }
  if (error instanceof EventStoreUnavailableError || isStoreOutage(error)) return storeUnavailable();
  if (isTemporalFeatureMissing(error)) return temporalFeatureMissing();
  if (isUpdateLimitReached(error)) return entityBusy();
  if (error instanceof QueryNotRegisteredError) return workflowNotReady();
  if (isTemporalOutage(error)) return temporalUnavailable();
  if (error instanceof HttpException) return { problem: fromHttpException(error), headers: {} };
  return answer(500, 'INTERNAL_ERROR', 'Internal Server Error');
}

/** An answer of the edge's own, with its message from the catalogue. */
function answer(
  status: number,
  code: ProblemCatalogueCode,
  title: string,
  headers: Record<string, string> = {},
): { problem: Problem; headers: Record<string, string> } {
  return { problem: problem(status, code, title, problemMessage(code)), headers };
}

/** Refusals about who acts, not about the lifecycle: the HTTP layer checks them first, the domain again. */
const accessRefusals: readonly string[] = ['ROLE_NOT_ALLOWED', 'ACTOR_COUNTY_MISMATCH'];

/**
 * Steps the record did not take, by what they are (docs/decisions/0060): a step not confirmed yet, or a
 * store that did not answer, is 503 with Retry-After (the same request learns the outcome); data the
 * store refuses is a bad request; a key used for another request is 422; conflicts are 409.
 */
interface StepFailureAnswer {
  readonly status: number;
  readonly title: string;
  readonly retry?: boolean;
}
const stepFailureStatus: Readonly<Record<string, StepFailureAnswer>> = {
  STEP_NOT_CONFIRMED: { status: 503, title: 'Service Unavailable', retry: true },
  EVENT_STORE_UNAVAILABLE: { status: 503, title: 'Service Unavailable', retry: true },
  EVENT_DATA_REFUSED: { status: 400, title: 'Bad Request' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Unprocessable Content' },
} satisfies Partial<Record<RecordingFailureCode, StepFailureAnswer>>;

/**
 * Refusals of a field that is well-formed, and that no document could call wrong, but that this entity's
 * record or the rest of the body makes wrong: the conditions this applicant's kind must be found on, a
 * year before the town was listed, project figures the town's registered projects give, progress that
 * would go backwards, an approval before its application. 422 naming the field (docs/decisions/0083).
 */
const fieldRefusalsAgainstTheRecord: readonly string[] = [
  'CONDITIONS_MISMATCH',
  'FUNDING_YEAR_INVALID',
  'PROJECT_PROGRESS_FROM_PROJECTS',
  'PROJECT_PROGRESS_REQUIRED',
  'PROJECT_PROGRESS_INVALID',
  'APPROVAL_DATES_INVALID',
];

const titles: Readonly<Record<400 | 409 | 422, string>> = {
  400: 'Bad Request',
  409: 'Conflict',
  422: 'Unprocessable Content',
};

function refusalAnswer(refusal: RefusalDetails): { problem: Problem; headers: Record<string, string> } {
  const bilingual = { en: refusal.messageEn, zh: refusal.messageZh };
  const known = stepFailureStatus[refusal.code];
  if (known) {
    return {
      problem: problem(known.status, refusal.code, known.title, bilingual),
      headers: known.retry ? { 'Retry-After': retryAfterSeconds } : {},
    };
  }
  if (accessRefusals.includes(refusal.code)) {
    return { problem: problem(403, refusal.code, 'Forbidden', bilingual), headers: {} };
  }
  // A refusal about one input field is a bad request, or unprocessable where only the entity's record
  // makes the field wrong; any other refusal is the lifecycle saying no.
  const field = typeof refusal.details?.field === 'string' ? refusal.details.field : undefined;
  const status = field ? (fieldRefusalsAgainstTheRecord.includes(refusal.code) ? 422 : 400) : 409;
  return {
    problem: problem(
      status,
      refusal.code,
      titles[status],
      bilingual,
      field
        ? {
            errors: [{ field, code: refusal.code, message: refusal.messageEn, messageZh: refusal.messageZh }],
          }
        : {},
    ),
    headers: {},
  };
}

function fromUpdateFailure(error: WorkflowUpdateFailedError) {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && !(cause.cause instanceof Error)) {
    const [details] = cause.details ?? [];
    if (isRefusalDetails(details)) return refusalAnswer(details);
  }
  if (cause instanceof ActivityFailure) return fromActivityFailure(cause);
  return answer(500, 'STEP_FAILED', 'Internal Server Error');
}

/**
 * An append's failure that reached the caller as it was: workflow runs from before decision 0060 fail
 * their steps so. Each is answered as what it is; only a store that did not answer is a 503.
 */
function fromActivityFailure(failure: ActivityFailure) {
  const cause = failure.cause;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  const message = cause?.message ?? failure.message;
  if (type === 'WRONG_EXPECTED_VERSION')
    return refusalAnswer(recordingFailure('STREAM_VERSION_CONFLICT', { stream: 'the stream' }));
  if (type === 'EVENT_ID_CONFLICT')
    return refusalAnswer(recordingFailure('EVENT_ID_CONFLICT', { reason: message }));
  if (type === 'EVENT_DATA_REFUSED')
    return refusalAnswer(recordingFailure('EVENT_DATA_REFUSED', { reason: message }));
  return storeUnavailable();
}

function isStoreOutage(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'EVENT_STORE_UNAVAILABLE';
}

/**
 * The server refusing one more Update to a workflow that already has its limit of Updates in flight
 * (`history.maxInFlightUpdates`, 10 by default): on closing day, a batch busy with other counties'
 * applications. The client has retried it already; nothing was sent to the workflow (decision 0065).
 */
function isUpdateLimitReached(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  return (
    isGrpcServiceError(grpc) &&
    (grpc.code as number) === grpcResourceExhausted &&
    /in-flight updates/i.test(grpc.details)
  );
}

/**
 * Temporal not answering. A command reaches this only when its Update provably never reached a workflow
 * (sendCommand answers the rest as STEP_OUTCOME_UNKNOWN, decision 0141): nothing was written.
 */
function isTemporalOutage(error: unknown): boolean {
  if (error instanceof ServiceError) return true;
  if (isGrpcServiceError(error)) {
    const code: number = error.code;
    return code === grpcUnavailable || code === grpcDeadlineExceeded;
  }
  return error instanceof Error && /Failed to connect|connect ECONNREFUSED|UNAVAILABLE/.test(error.message);
}

/**
 * gRPC's UNIMPLEMENTED: the server has no such call, as the time-skipping test server (training mode) has
 * no visibility API. Asking again never helps, so it is not an outage to retry.
 */
export function isTemporalFeatureMissing(error: unknown): boolean {
  const cause = error instanceof ServiceError ? error.cause : error;
  if (!isGrpcServiceError(cause)) return false;
  const code: number = cause.code;
  return code === grpcUnimplemented;
}

function temporalFeatureMissing() {
  return answer(501, 'TEMPORAL_FEATURE_UNAVAILABLE', 'Not Implemented');
}

function storeUnavailable() {
  return refusalAnswer(recordingFailure('EVENT_STORE_UNAVAILABLE', {}));
}

/**
 * A run continued as new that reads its members back from its stream (decisions 0067 and 0097) answers
 * no query until it has them; asking again shortly finds it ready.
 */
function workflowNotReady() {
  return answer(503, 'WORKFLOW_NOT_READY', 'Service Unavailable', { 'Retry-After': retryAfterSeconds });
}

function entityBusy() {
  return answer(503, 'ENTITY_BUSY', 'Service Unavailable', { 'Retry-After': retryAfterSeconds });
}

function temporalUnavailable() {
  return answer(503, 'TEMPORAL_UNAVAILABLE', 'Service Unavailable', { 'Retry-After': retryAfterSeconds });
}

/**
 * What Nest or Express raised on its own: no route for the path (404), or another HTTP error. The body
 * parser's own are answered before any route (http/json-body.ts).
 */
function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const reason = { reason: error.message, status };
  if (status === 404) return problem(404, 'NOT_FOUND', 'Not Found', problemMessage('NOT_FOUND', reason));
  return problem(status, `HTTP_${status}`, error.name, problemMessage('HTTP_ERROR', reason));
}

import { HttpException } from '@nestjs/common';
import {
  ActivityFailure,
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { DomainRefusal } from '../../../domain/shared/domain-refusal';
import { EventStoreUnavailableError } from '../../../infra/event-store/event-store.errors';
import type { RefusalDetails } from '../../../workflows/shared/refusal-failure';
import { problem, ProblemException, type Problem } from './problem';

const retryAfterSeconds = '5';
const grpcUnavailable = 14;
const grpcDeadlineExceeded = 4;

/** Turns anything thrown while serving a request into one problem document; never leaks a stack. */
export function toProblem(error: unknown): { problem: Problem; headers: Record<string, string> } {
  if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers };
  const bodyParserProblem = fromBodyParser(error);
  if (bodyParserProblem) return { problem: bodyParserProblem, headers: {} };
  if (error instanceof DomainRefusal) return { problem: refusalProblem(error), headers: {} };
  if (error instanceof WorkflowUpdateFailedError) return fromUpdateFailure(error);
  if (error instanceof EventStoreUnavailableError || isStoreOutage(error)) return storeUnavailable();
  if (isTemporalOutage(error)) return temporalUnavailable();
  if (error instanceof HttpException) return { problem: fromHttpException(error), headers: {} };
  return {
    problem: problem(
      500,
      'INTERNAL_ERROR',
      'Internal Server Error',
      'An unexpected error occurred; it has been logged.',
    ),
    headers: {},
  };
}

/** Refusals about who acts, not about the lifecycle: the HTTP layer checks them first, the domain again. */
const accessRefusals: readonly string[] = ['ROLE_NOT_ALLOWED', 'ACTOR_COUNTY_MISMATCH'];

function refusalProblem(refusal: RefusalDetails): Problem {
  const field = typeof refusal.details?.field === 'string' ? refusal.details.field : undefined;
  if (accessRefusals.includes(refusal.code)) {
    return problem(403, refusal.code, 'Forbidden', refusal.messageEn, { messageZh: refusal.messageZh });
  }
  // A refusal about one input field is a bad request; any other refusal is the lifecycle saying no.
  const status = field ? 400 : 409;
  return problem(status, refusal.code, status === 400 ? 'Bad Request' : 'Conflict', refusal.messageEn, {
    messageZh: refusal.messageZh,
    ...(field ? { errors: [{ field, code: refusal.code, message: refusal.messageEn }] } : {}),
  });
}

function fromUpdateFailure(error: WorkflowUpdateFailedError) {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && !(cause.cause instanceof Error)) {
    const [details] = cause.details ?? [];
    if (isRefusalDetails(details)) return { problem: refusalProblem(details), headers: {} };
  }
  if (cause instanceof ActivityFailure) return storeUnavailable();
  return {
    problem: problem(500, 'STEP_FAILED', 'Internal Server Error', 'The step failed unexpectedly.'),
    headers: {},
  };
}

function isRefusalDetails(value: unknown): value is RefusalDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RefusalDetails).code === 'string' &&
    typeof (value as RefusalDetails).messageEn === 'string'
  );
}

function isStoreOutage(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'EVENT_STORE_UNAVAILABLE';
}

function isTemporalOutage(error: unknown): boolean {
  if (error instanceof ServiceError) return true;
  if (isGrpcServiceError(error)) {
    const code: number = error.code;
    return code === grpcUnavailable || code === grpcDeadlineExceeded;
  }
  return error instanceof Error && /Failed to connect|connect ECONNREFUSED|UNAVAILABLE/.test(error.message);
}

function storeUnavailable() {
  return {
    problem: problem(
      503,
      'EVENT_STORE_UNAVAILABLE',
      'Service Unavailable',
      'The event store is unavailable; retry shortly.',
    ),
    headers: { 'Retry-After': retryAfterSeconds },
  };
}

function temporalUnavailable() {
  return {
    problem: problem(
      503,
      'TEMPORAL_UNAVAILABLE',
      'Service Unavailable',
      'The workflow service is unavailable; retry shortly.',
    ),
    headers: { 'Retry-After': retryAfterSeconds },
  };
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  if (status === 404) return problem(404, 'NOT_FOUND', 'Not Found', error.message);
  if (status === 413)
    return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large', 'The request body is too large.');
  if (status === 400 && /JSON/i.test(error.message)) {
    return problem(400, 'MALFORMED_JSON', 'Bad Request', 'The request body is not valid JSON.', {
      errors: [{ field: 'body', code: 'MALFORMED_JSON', message: error.message }],
    });
  }
  return problem(status, `HTTP_${status}`, error.name, error.message);
}

/** Express's body parser marks its errors with a `type`; they happen before any controller runs. */
function fromBodyParser(error: unknown): Problem | undefined {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.parse.failed') {
    return problem(400, 'MALFORMED_JSON', 'Bad Request', 'The request body is not valid JSON.', {
      errors: [{ field: 'body', code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' }],
    });
  }
  if (type === 'entity.too.large') {
    return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large', 'The request body is too large.');
  }
  return undefined;
}

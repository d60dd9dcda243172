import { ApplicationFailure } from '@temporalio/workflow';
import { DomainRefusal } from '../../domain/shared/domain-refusal';

/** What a caller gets back, in the failure's details, when a step is refused. */
export interface RefusalDetails {
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details?: Record<string, unknown>;
}

/**
 * A refused step leaves the workflow as an ApplicationFailure whose `type` is the refusal's stable code,
 * so the API can map it to a 409 (or 400) without parsing messages. Anything else is rethrown: a bug
 * must fail loudly, not pass for a business refusal.
 */
export function refusalToFailure(error: unknown): never {
  if (error instanceof DomainRefusal) {
    const details: RefusalDetails = {
      code: error.code,
      messageZh: error.messageZh,
      messageEn: error.messageEn,
      ...(error.details ? { details: error.details } : {}),
    };
    throw ApplicationFailure.create({
      message: error.messageEn,
      type: error.code,
      nonRetryable: true,
      details: [details],
    });
  }
  throw error;
}

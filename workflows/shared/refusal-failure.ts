import { ApplicationFailure } from '@temporalio/workflow';
import { DomainRefusal, type RefusalDetails } from '../../domain/shared/domain-refusal';

/**
 * A refusal leaves the workflow as an ApplicationFailure whose `type` is its stable code, so the API maps
 * it without parsing messages. Anything else is rethrown: a bug must not pass for a business refusal.
 */
export function refusalToFailure(error: unknown): never {
  if (error instanceof DomainRefusal) throw refusalFailure(error.toJSON());
  throw error;
}

export function refusalFailure(details: RefusalDetails): ApplicationFailure {
  return ApplicationFailure.nonRetryable(details.messageEn, details.code, details);
}

import { ApplicationFailure } from '@temporalio/common';
import type { NewEvent } from '../domain/shared/event-envelope';
import type { EventStore, ExpectedVersion } from '../infra/event-store/event-store.port';
import { EventIdConflictError, WrongExpectedVersionError } from '../infra/event-store/event-store.errors';

export interface AppendToStreamInput {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendToStreamOutput {
  readonly nextExpectedVersion: number;
  /** Global positions as decimal strings: 64-bit integers do not survive JSON as numbers. */
  readonly positions: readonly string[];
  readonly alreadyStored: boolean;
}

/** Failure types a workflow can tell apart; they are not retried, since a retry cannot succeed. */
export const appendFailureTypes = {
  wrongExpectedVersion: 'WRONG_EXPECTED_VERSION',
  eventIdConflict: 'EVENT_ID_CONFLICT',
} as const;

/**
 * The only way workflows write facts. Idempotent by event id: Temporal retries an activity whose
 * result it never saw, and the store turns the second append of the same ids into a no-op.
 */
export function createEventStoreActivities(store: EventStore) {
  return {
    async appendToStream(input: AppendToStreamInput): Promise<AppendToStreamOutput> {
      try {
        const result = await store.append(input.stream, input.events, input.expectedVersion);
        return {
          nextExpectedVersion: result.nextExpectedVersion,
          positions: result.positions.map(String),
          alreadyStored: result.alreadyStored,
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw ApplicationFailure.nonRetryable(error.message, appendFailureTypes.wrongExpectedVersion, {
            stream: error.stream,
            expected: error.expected,
            actual: error.actual,
          });
        }
        if (error instanceof EventIdConflictError) {
          throw ApplicationFailure.nonRetryable(error.message, appendFailureTypes.eventIdConflict, {
            stream: error.stream,
            eventId: error.eventId,
          });
        }
        // Unavailable stores and anything unexpected are retried by the activity's retry policy.
        throw error;
      }
    },
  };
}

export type EventStoreActivities = ReturnType<typeof createEventStoreActivities>;

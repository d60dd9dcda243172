import { ApplicationFailure } from '@temporalio/common';
import type { NewEvent } from '../domain/shared/event-envelope';
import type { EventStore, ExpectedVersion } from '../infra/event-store/event-store.port';
import {
  EventDataRefusedError,
  EventIdConflictError,
  WrongExpectedVersionError,
} from '../infra/event-store/event-store.errors';
import { whileRunning } from './while-running';
import { serviceMetrics, type ServiceMetrics } from '../infra/observability/service-metrics';

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

export interface ReadStreamFromInput {
  readonly stream: string;
  /** The first stream version wanted (the version after the one the workflow knows). */
  readonly fromVersion: number;
}

/** Events as a workflow folds them: what the decider produced, with the id and version the store gave. */
export interface StreamEventRead {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly streamVersion: number;
}

export interface StreamEventsRead {
  readonly events: readonly StreamEventRead[];
  /** The stream holds more after these: read again from the last one's version + 1. */
  readonly more: boolean;
}

/** At most this many events per read (an activity's result must stay well under Temporal's 2 MB). */
const READ_PAGE_SIZE = 500;

/**
 * Failure types a workflow can tell apart. None is retried: a retry cannot succeed. Every other
 * failure (an unavailable store, a timeout) leaves the append's outcome unknown and is retried.
 */
export const appendFailureTypes = {
  wrongExpectedVersion: 'WRONG_EXPECTED_VERSION',
  eventIdConflict: 'EVENT_ID_CONFLICT',
  dataRefused: 'EVENT_DATA_REFUSED',
} as const;

export const nonRetryableAppendFailures: readonly string[] = Object.values(appendFailureTypes);

/**
 * The only way workflows write facts. Idempotent by event id: Temporal retries an activity whose
 * result it never saw, and the store turns the second append of the same ids into a no-op.
 */
export function createEventStoreActivities(store: EventStore, metrics: ServiceMetrics = serviceMetrics()) {
  return {
    async appendToStream(input: AppendToStreamInput): Promise<AppendToStreamOutput> {
      const stopTimer = metrics.appendDuration.startTimer();
      try {
        const result = await whileRunning((signal) =>
          store.append(input.stream, input.events, input.expectedVersion, { signal }),
        );
        stopTimer({ outcome: result.alreadyStored ? 'already-stored' : 'appended' });
        return {
          nextExpectedVersion: result.nextExpectedVersion,
          positions: result.positions.map(String),
          alreadyStored: result.alreadyStored,
        };
      } catch (error) {
        const conflict = error instanceof WrongExpectedVersionError;
        if (conflict) metrics.appendConflicts.inc();
        stopTimer({ outcome: conflict ? 'conflict' : 'failed' });
        throw asFailure(error);
      }
    },

    /** What the stream holds after the version a workflow knows: how it catches up with the record. */
    async readStreamFrom(input: ReadStreamFromInput): Promise<StreamEventsRead> {
      const events = await whileRunning(() =>
        store.readStream(input.stream, { fromVersion: input.fromVersion, maxCount: READ_PAGE_SIZE }),
      );
      return {
        events: events.map(({ id, type, data, streamVersion }) => ({ id, type, data, streamVersion })),
        more: events.length === READ_PAGE_SIZE,
      };
    },
  };
}

function asFailure(error: unknown): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return ApplicationFailure.nonRetryable(error.message, appendFailureTypes.wrongExpectedVersion, {
      stream: error.stream,
      expected: error.expected,
      actual: error.actual,
    });
  }
  if (error instanceof EventIdConflictError) {
    return ApplicationFailure.nonRetryable(error.message, appendFailureTypes.eventIdConflict, {
      stream: error.stream,
      eventId: error.eventId,
    });
  }
  if (error instanceof EventDataRefusedError) {
    return ApplicationFailure.nonRetryable(error.message, appendFailureTypes.dataRefused);
  }
  // Unavailable stores, timeouts and anything unexpected: the outcome is unknown, and a retry with the
  // same ids either writes the events or finds them written.
  return error;
}

export type EventStoreActivities = ReturnType<typeof createEventStoreActivities>;

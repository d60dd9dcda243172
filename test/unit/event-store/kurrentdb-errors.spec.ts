import { createServer } from 'node:net';
import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  EventDataRefusedError,
  EventIdConflictError,
  EventStoreError,
  EventStoreFailure,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../../../infra/event-store/event-store.errors';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import {
  isStreamNotFound,
  isUnavailable,
  toEventStoreError,
} from '../../../infra/event-store/kurrentdb/kurrentdb-errors';
import { createKurrentDbEventStore } from '../../../infra/event-store/kurrentdb/kurrentdb-event-store';

/** What @grpc/grpc-js rejects with: an Error carrying the status `code`, `details` and `metadata`. */
function grpcServiceError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('toEventStoreError', () => {
  describe('wrong expected version', () => {
    it('becomes ours, with our stream name, our expectation and the actual version', () => {
      const clientError = new ClientWrongExpectedVersionError(undefined, {
        streamName: 'ns-1-town-7',
        expected: 3n,
        current: 5n,
      });
      const mapped = toEventStoreError(clientError, { operation: 'append', stream: 'town-7', expected: 3 });
      expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
      expect(mapped).toMatchObject({
        code: 'WRONG_EXPECTED_VERSION',
        stream: 'town-7',
        expected: '3',
        actual: 5,
      });
    });

    it('reports a missing stream as actual version -1', () => {
      const clientError = new ClientWrongExpectedVersionError(undefined, {
        streamName: 'town-7',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      const mapped = toEventStoreError(clientError, {
        operation: 'append',
        stream: 'town-7',
        expected: 'stream_exists',
      });
      expect(mapped).toMatchObject({ actual: -1, expected: 'stream_exists' });
    });

    it('falls back to what the client says when the caller gave no context', () => {
      const clientError = new ClientWrongExpectedVersionError(undefined, {
        streamName: 'town-9',
        expected: 'no_stream',
        current: 0n,
      });
      expect(toEventStoreError(clientError, { operation: 'append' })).toMatchObject({
        stream: 'town-9',
        expected: 'no_stream',
        actual: 0,
      });
    });

    it('says "unknown" rather than a wrong number for a deleted stream', () => {
      const clientError = new ClientWrongExpectedVersionError(undefined, {
        streamName: 'town-7',
        expected: 2n,
        current: -5n,
      });
      expect(toEventStoreError(clientError, { operation: 'append', stream: 'town-7' })).toMatchObject({
        actual: undefined,
      });
    });
  });

  describe('unavailable', () => {
    it.each([
      ['the client UnavailableError', new UnavailableError()],
      ['the client DeadlineExceededError', new DeadlineExceededError()],
      ['a raw gRPC UNAVAILABLE (14)', grpcServiceError(14, 'UNAVAILABLE: No connection established')],
      ['a raw gRPC DEADLINE_EXCEEDED (4)', grpcServiceError(4, 'DEADLINE_EXCEEDED: Deadline exceeded')],
      ['a plain object shaped like a ServiceError', { code: 14, details: 'No connection established' }],
      [
        'a refused socket',
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:2113'), { code: 'ECONNREFUSED' }),
      ],
      ['failed cluster discovery', new Error('Failed to discover after 10 attempts.')],
      [
        'a bridge error tagged unavailable',
        { name: 'Error', type: 'unavailable', message: 'UnavailableError' },
      ],
    ])('%s becomes EventStoreUnavailableError with the cause attached', (_label, error) => {
      const mapped = toEventStoreError(error, { operation: 'readStream', stream: 'town-7' });
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect(mapped.code).toBe('EVENT_STORE_UNAVAILABLE');
      expect(mapped.cause).toBe(error);
      expect(mapped.message).toContain('readStream "town-7"');
    });

    it('says what happened when the client error names only its class', () => {
      expect(toEventStoreError(new UnavailableError(), { operation: 'checkHealth' }).message).toBe(
        'KurrentDB is unavailable (checkHealth): the server cannot be reached',
      );
    });

    it('counts a leader change as transient', () => {
      const notLeader = Object.create(NotLeaderError.prototype) as NotLeaderError;
      expect(isUnavailable(notLeader)).toBe(true);
    });

    it.each([
      ['a raw gRPC INVALID_ARGUMENT (3)', grpcServiceError(3, 'bad request')],
      ['a raw gRPC PERMISSION_DENIED (7)', grpcServiceError(7, 'denied')],
      ['the client AccessDeniedError', new AccessDeniedError()],
      ['a TypeError', new TypeError('x is not a function')],
    ])('%s is not called unavailable', (_label, error) => {
      expect(isUnavailable(error)).toBe(false);
    });
  });

  describe('data the server refuses whatever the moment', () => {
    it('refuses an append over the maximum size (the growing recommendation event) as data', () => {
      const tooLarge = new MaxAppendSizeExceededError(undefined, 1_048_576);
      const mapped = toEventStoreError(tooLarge, { operation: 'append', stream: 'programme-p' });
      expect(mapped).toBeInstanceOf(EventDataRefusedError);
      expect(mapped.code).toBe('EVENT_DATA_REFUSED');
      expect(mapped.cause).toBe(tooLarge);
      expect(mapped.message).toContain('append "programme-p"');
    });

    it('recognises the type tag when the class came from another copy of the client', () => {
      const tagged = { type: 'append-record-size-exceeded', message: 'record too large' };
      expect(toEventStoreError(tagged, { operation: 'append' })).toBeInstanceOf(EventDataRefusedError);
    });
  });

  describe('anything else', () => {
    it('becomes EventStoreFailure with the cause attached and the operation named', () => {
      const denied = new AccessDeniedError(undefined, 'Access denied');
      const mapped = toEventStoreError(denied, { operation: 'readAll' });
      expect(mapped).toBeInstanceOf(EventStoreFailure);
      expect(mapped.code).toBe('EVENT_STORE_FAILURE');
      expect(mapped.cause).toBe(denied);
      expect(mapped.message).toBe('KurrentDB readAll failed: Access denied');
    });

    it('takes the details of a raw gRPC error that has no message', () => {
      const raw = { code: 13, details: 'Internal server error', message: '' };
      expect(toEventStoreError(raw, { operation: 'append' }).message).toContain('Internal server error');
    });

    it('wraps values that are not errors', () => {
      const mapped = toEventStoreError('boom', { operation: 'append', stream: 'town-7' });
      expect(mapped).toBeInstanceOf(EventStoreFailure);
      expect(mapped.message).toBe('KurrentDB append "town-7" failed: boom');
    });

    it('passes our own errors through untouched', () => {
      const ours = new EventIdConflictError('town-7', 'e-1');
      expect(toEventStoreError(ours, { operation: 'append' })).toBe(ours);
    });

    it('does not treat "stream not found" as empty: only reads do, before mapping', () => {
      expect(
        toEventStoreError(new StreamNotFoundError(undefined, 'town-7'), { operation: 'append' }),
      ).toBeInstanceOf(EventStoreFailure);
    });
  });
});

describe('isStreamNotFound', () => {
  it('recognises the client StreamNotFoundError and its type tag, and nothing else', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'town-7'))).toBe(true);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
    expect(isStreamNotFound(grpcServiceError(5, 'NOT_FOUND'))).toBe(false);
  });
});

/**
 * The real client against a port nobody listens on: every call must fail as our
 * EventStoreUnavailableError. Reads fail through the client's native bridge and subscriptions through
 * grpc-js, each in its own way, so this exercises the mapping with what the client really throws.
 */
describe('the adapter when KurrentDB cannot be reached', () => {
  let store: EventStore;

  beforeAll(async () => {
    store = createKurrentDbEventStore(`kurrentdb://127.0.0.1:${await closedPort()}?tls=false`);
  });

  afterAll(async () => {
    await store.close();
  });

  const event = {
    id: '0a5c1b9e-6c1f-4c7e-bb1f-9a3f8f4f7d01',
    type: 'TownApplicationSubmitted',
    data: { townId: 'town-7' },
    metadata: { actor: { userId: 'u-1', seat: 'county-official' }, causationId: 'c-1', correlationId: 'r-1' },
    occurredAt: '2017-03-31T15:59:59.999Z',
  };

  it.each([
    ['checkHealth', () => store.checkHealth()],
    ['append', () => store.append('town-7', [event], 'no_stream')],
    // Not read as an empty stream: an unreachable store is not an empty one.
    ['readStream', () => store.readStream('town-7')],
    ['readAll', () => store.readAll({ after: 10n, maxCount: 5 })],
  ])('%s rejects with EventStoreUnavailableError', async (_name, call) => {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error).toBeInstanceOf(EventStoreError);
  });

  it('ends a subscription with EventStoreUnavailableError and still stops cleanly', async () => {
    const handler = jest.fn();
    const subscription = store.subscribeToAll({}, handler);
    await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(subscription.stop()).resolves.toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a connection string that is not KurrentDB', () => {
    expect(() => createKurrentDbEventStore('http://127.0.0.1:2113')).toThrow(EventStoreFailure);
  });
});

/** A loopback port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

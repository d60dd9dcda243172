import {
  EventIdConflictError,
  EventStoreFailure,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../../../infra/event-store/event-store.errors';
import { toEventStoreError } from '../../../infra/event-store/sql/sql-errors';

/** Shaped like the errors pg and PGlite throw: an Error with SQLSTATE `code` and friends. */
function driverError(fields: { code?: string; detail?: string; constraint?: string; message?: string }) {
  return Object.assign(new Error(fields.message ?? 'driver error'), fields);
}

const context = { operation: 'append', stream: 'town-1' };

describe('SQL driver errors → event store errors', () => {
  it('reads a wrong expected version from the details append_events raises', () => {
    const error = toEventStoreError(
      driverError({ code: 'EV001', detail: '{"stream": "town-1", "expected": "no_stream", "actual": 3}' }),
      context,
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ stream: 'town-1', expected: 'no_stream', actual: 3 });
  });

  it('reads an id conflict raised by append_events', () => {
    const error = toEventStoreError(driverError({ code: 'EV002', detail: '{"eventId": "e-1"}' }), context);
    expect(error).toBeInstanceOf(EventIdConflictError);
    expect(error).toMatchObject({ stream: 'town-1', eventId: 'e-1' });
  });

  it('turns a unique violation on events.id into an id conflict, naming the id', () => {
    const error = toEventStoreError(
      driverError({ code: '23505', constraint: 'events_id_key', detail: 'Key (id)=(9f1c) already exists.' }),
      context,
    );
    expect(error).toBeInstanceOf(EventIdConflictError);
    expect(error).toMatchObject({ eventId: '9f1c' });
  });

  it.each([
    [
      'a refused connection',
      driverError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }),
    ],
    ['a server shutting down', driverError({ code: '57P01', message: 'terminating connection' })],
    ['a connection exception (class 08)', driverError({ code: '08006' })],
    ['a missing database', driverError({ code: '3D000', message: 'database "x" does not exist' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a closed PGlite', new Error('PGlite is closed')],
    ['a dual-stack refusal', new AggregateError([driverError({ code: 'ECONNREFUSED' })], '')],
  ])('reports %s as unavailable, keeping the cause', (_label, cause) => {
    const error = toEventStoreError(cause, context);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.cause).toBe(cause);
  });

  it('reports anything else as a failure with the SQLSTATE in the message', () => {
    const cause = driverError({ code: '22P02', message: 'invalid input syntax for type uuid: "x"' });
    const error = toEventStoreError(cause, context);
    expect(error).toBeInstanceOf(EventStoreFailure);
    expect(error.message).toContain('22P02');
    expect(error.cause).toBe(cause);
  });

  it('passes the store’s own errors through untouched', () => {
    const own = new WrongExpectedVersionError('s', '1', 2);
    expect(toEventStoreError(own, context)).toBe(own);
  });
});

import {
  EventDataRefusedError,
  EventIdConflictError,
  EventStoreFailure,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../../../infra/event-store/event-store.errors';
import { NotConnectedError, toEventStoreError } from '../../../infra/event-store/sql/sql-errors';

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
    [
      'a statement timeout',
      driverError({ code: '57014', message: 'canceling statement due to statement timeout' }),
    ],
    [
      'a cancelled statement',
      driverError({ code: '57014', message: 'canceling statement due to user request' }),
    ],
    ['a lock not available', driverError({ code: '55P03' })],
    ['a deadlock', driverError({ code: '40P01' })],
    ['pg giving up on an answer', new Error('Query read timeout')],
    [
      'a database not accepting connections (ALLOW_CONNECTIONS false)',
      driverError({ code: '55000', message: 'database "towns" is not currently accepting connections' }),
    ],
    ['a server starting up', driverError({ code: '57P03', message: 'the database system is starting up' })],
    ['too many connections', driverError({ code: '53300', message: 'sorry, too many clients already' })],
    [
      'a pool with no free connection in time',
      new NotConnectedError(new Error('timeout exceeded when trying to connect')),
    ],
    [
      'any failure while connecting, whatever its code',
      new NotConnectedError(
        driverError({ code: '42501', message: 'permission denied for database "towns"' }),
      ),
    ],
  ])('reports %s as unavailable, keeping the cause', (_label, cause) => {
    const error = toEventStoreError(cause, context);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.cause).toBe(cause);
  });

  it.each([
    ['a NUL character in text', '22P05', 'unsupported Unicode escape sequence'],
    ['a lone surrogate', '22P02', 'invalid input syntax for type json'],
    ['a value out of range', '22003', 'integer out of range'],
    ['a check violation', '23514', 'new row violates check constraint'],
    ['a missing privilege', '42501', 'permission denied for table events'],
    ['a value too large', '54000', 'total size of jsonb array elements exceeds the maximum'],
  ])('refuses %s as data, never worth retrying, naming the SQLSTATE', (_label, code, message) => {
    const cause = driverError({ code, message });
    const error = toEventStoreError(cause, context);
    expect(error).toBeInstanceOf(EventDataRefusedError);
    expect(error).toMatchObject({ code: 'EVENT_DATA_REFUSED' });
    expect(error.message).toContain(code);
    expect(error.cause).toBe(cause);
  });

  it('leaves other states of 55000 (object not in prerequisite state) a failure', () => {
    const cause = driverError({ code: '55000', message: 'cannot alter type of a column used by a view' });
    expect(toEventStoreError(cause, context)).toBeInstanceOf(EventStoreFailure);
  });

  it('names what failed while connecting, with its SQLSTATE once', () => {
    const cause = driverError({
      code: '55000',
      message: 'database "towns" is not currently accepting connections',
    });
    const error = toEventStoreError(new NotConnectedError(cause), { operation: 'checkHealth' });
    expect(error.message).toBe(
      'Event store unavailable during checkHealth: could not connect: database "towns" is not currently accepting connections (55000)',
    );
  });

  it('reports anything else as a failure with the SQLSTATE in the message', () => {
    const cause = driverError({ code: 'XX000', message: 'internal error' });
    const error = toEventStoreError(cause, context);
    expect(error).toBeInstanceOf(EventStoreFailure);
    expect(error.message).toContain('XX000');
    expect(error.cause).toBe(cause);
  });

  it('leaves the store’s own refusals (immutability, unchained events) as failures, not data', () => {
    for (const code of ['EV003', 'EV004']) {
      expect(toEventStoreError(driverError({ code }), context)).toBeInstanceOf(EventStoreFailure);
    }
  });

  it('passes the store’s own errors through untouched', () => {
    const own = new WrongExpectedVersionError('s', '1', 2);
    expect(toEventStoreError(own, context)).toBe(own);
  });
});

import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AllStreamResolvedEvent,
  type JSONType,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import { EventStoreFailure } from '../../../infra/event-store/event-store.errors';
import { traceparentOf, withTraceparent } from '../../../infra/event-store/event-trace';
import {
  matchStoredEvents,
  normalizeConnectionString,
  satisfiesExpected,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
} from '../../../infra/event-store/kurrentdb/kurrentdb-mapping';

const newEvent: NewEvent = {
  id: '6f1c2a1e-8a53-4a4e-9d5e-0b7d7f0f2c11',
  type: 'TownApplicationSubmitted',
  data: { townId: 'town-7', county: 'Luxi', area: { km2: 3.2 }, tags: ['ceramics', 'tourism'] },
  metadata: {
    actor: { userId: 'u-12', seat: 'county-official', county: 'Luxi' },
    causationId: 'cmd-1',
    correlationId: 'req-9',
    policy: { id: 'pingxiang-2017', version: 'sha256:abc' },
    requestId: 'req-9',
  },
  occurredAt: '2017-03-31T15:59:59.999Z',
};

/** A stored event shaped as the client yields it, from what toEventData sent. */
function storedFrom(
  event: NewEvent,
  overrides: { streamId?: string; revision?: bigint; commit?: bigint; prepare?: bigint } = {},
): ResolvedEvent {
  const sent = toEventData(event);
  return {
    event: {
      streamId: overrides.streamId ?? 'town-7',
      id: sent.id,
      isJson: true,
      revision: overrides.revision ?? 4n,
      type: sent.type,
      created: new Date('2017-04-01T02:03:04.005Z'),
      // What KurrentDB hands back is what JSON.stringify sent, parsed again.
      data: JSON.parse(JSON.stringify(sent.data)) as JSONType,
      metadata: JSON.parse(JSON.stringify(sent.metadata)) as Record<string, unknown>,
      position: { commit: overrides.commit ?? 9_000n, prepare: overrides.prepare ?? 8_000n },
    },
  };
}

describe('normalizeConnectionString', () => {
  it('keeps kurrentdb:// strings as they are', () => {
    expect(normalizeConnectionString(' kurrentdb://localhost:2113?tls=false ')).toBe(
      'kurrentdb://localhost:2113?tls=false',
    );
  });

  it('rewrites the deprecated esdb:// scheme, keeping host, credentials and settings', () => {
    expect(normalizeConnectionString('esdb://admin:changeit@db:2113?tls=false&nodePreference=leader')).toBe(
      'kurrentdb://admin:changeit@db:2113?tls=false&nodePreference=leader',
    );
    expect(normalizeConnectionString('esdb+discover://cluster.internal:2113')).toBe(
      'kurrentdb+discover://cluster.internal:2113',
    );
  });

  it('refuses other schemes with our error, without echoing a password', () => {
    let thrown: unknown;
    try {
      normalizeConnectionString('postgres://admin:s3cret@db:5432/towns');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventStoreFailure);
    expect((thrown as Error).message).not.toContain('s3cret');
    expect((thrown as Error).message).toContain('postgres://***@db:5432/towns');
  });
});

describe('toStreamState', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['any', ANY],
  ] as const)('maps %s to the client constant', (ours, theirs) => {
    expect(toStreamState(ours)).toBe(theirs);
  });

  it('maps a version to a bigint revision, 0 included', () => {
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('reads -1 (what a WrongExpectedVersionError reports for a missing stream) as no stream', () => {
    expect(toStreamState(-1)).toBe(NO_STREAM);
  });

  it.each([-2, 1.5, Number.NaN])('refuses %p', (bad) => {
    expect(() => toStreamState(bad)).toThrow(EventStoreFailure);
  });
});

describe('satisfiesExpected', () => {
  it.each([
    ['any', -1, true],
    ['any', 3, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 0, true],
    [2, 2, true],
    [2, 3, false],
  ] as const)('expected %p, stream at %p: %p', (expected, current, result) => {
    expect(satisfiesExpected(expected, current)).toBe(result);
  });
});

describe('toEventData', () => {
  it('keeps the id (the key of idempotent retries), the type and the data, as JSON', () => {
    const sent = toEventData(newEvent);
    expect(sent.id).toBe(newEvent.id);
    expect(sent.type).toBe('TownApplicationSubmitted');
    expect(sent.contentType).toBe('application/json');
    expect(sent.data).toEqual(newEvent.data);
  });

  it('carries our metadata and occurredAt in the event metadata, with KurrentDB-named correlation ids', () => {
    expect(toEventData(newEvent).metadata).toEqual({
      ...newEvent.metadata,
      occurredAt: '2017-03-31T15:59:59.999Z',
      $correlationId: 'req-9',
      $causationId: 'cmd-1',
    });
  });

  it.each([
    ['undefined', undefined],
    ['a bigint', { amount: 10n }],
  ])('refuses data that JSON cannot carry (%s) with our error', (_label, data) => {
    expect(() => toEventData({ ...newEvent, data })).toThrow(EventStoreFailure);
  });
});

describe('toRecordedEvent', () => {
  it('gives back the envelope that was appended, with the store positions', () => {
    const recorded = toRecordedEvent(storedFrom(newEvent));
    expect(recorded).toEqual<RecordedEvent>({
      ...newEvent,
      stream: 'town-7',
      streamVersion: 4,
      globalPosition: 9_000n,
      recordedAt: '2017-04-01T02:03:04.005Z',
    });
  });

  it('gives back the command a step recorded on its first event', () => {
    const withCommand: NewEvent = {
      ...newEvent,
      metadata: { ...newEvent.metadata, command: { type: 'ApplyForTown', data: { townId: 'town-7' } } },
    };
    expect(toRecordedEvent(storedFrom(withCommand))?.metadata.command).toEqual({
      type: 'ApplyForTown',
      data: { townId: 'town-7' },
    });
  });

  it("gives back the append's traceparent, for the read models' fold to continue its trace", () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const traced: NewEvent = { ...newEvent, metadata: withTraceparent(newEvent.metadata, traceparent) };
    expect(traceparentOf(toRecordedEvent(storedFrom(traced))!.metadata)).toBe(traceparent);
    expect(traceparentOf(toRecordedEvent(storedFrom(newEvent))!.metadata)).toBeUndefined();
  });

  it('uses the commit position, not the prepare position, as the global position', () => {
    expect(toRecordedEvent(storedFrom(newEvent, { commit: 123n, prepare: 77n }))?.globalPosition).toBe(123n);
  });

  it('keeps KurrentDB-only and unknown metadata keys out of our envelope', () => {
    const resolved = storedFrom(newEvent);
    const metadata = resolved.event!.metadata as Record<string, unknown>;
    resolved.event!.metadata = { ...metadata, $schema: 'x', somethingElse: 1 };
    expect(Object.keys(toRecordedEvent(resolved)!.metadata).sort()).toEqual([
      'actor',
      'causationId',
      'correlationId',
      'policy',
      'requestId',
    ]);
  });

  it('omits optional metadata that was not sent', () => {
    const bare: NewEvent = {
      ...newEvent,
      metadata: {
        actor: { userId: 'system', seat: 'system' },
        causationId: 'timer-1',
        correlationId: 'wf-1',
      },
    };
    expect(toRecordedEvent(storedFrom(bare))?.metadata).toEqual(bare.metadata);
  });

  it('maps the stored stream name back to ours', () => {
    const resolved = storedFrom(newEvent, { streamId: 'test-42-town-7' });
    expect(toRecordedEvent(resolved, (s) => s.slice('test-42-'.length))?.stream).toBe('town-7');
  });

  it('falls back to the resolved event commit position when the record has none', () => {
    const resolved: AllStreamResolvedEvent | ResolvedEvent = storedFrom(newEvent);
    delete resolved.event!.position;
    resolved.commitPosition = 555n;
    expect(toRecordedEvent(resolved)?.globalPosition).toBe(555n);
  });

  it('fails, rather than invent one, when the server reports no position (EventStoreDB before 22.6)', () => {
    const missing = storedFrom(newEvent);
    delete missing.event!.position;
    expect(() => toRecordedEvent(missing)).toThrow(/22\.6/);
    const allOnes = storedFrom(newEvent, { commit: 2n ** 64n - 1n });
    expect(() => toRecordedEvent(allOnes)).toThrow(EventStoreFailure);
  });

  it('skips system events and links whose target is gone', () => {
    const system = storedFrom(newEvent);
    system.event!.type = '$metadata';
    expect(toRecordedEvent(system)).toBeUndefined();
    expect(toRecordedEvent({ commitPosition: 10n })).toBeUndefined();
  });

  it('refuses events this store did not write', () => {
    const noOccurredAt = storedFrom(newEvent);
    const { occurredAt: _dropped, ...rest } = noOccurredAt.event!.metadata as Record<string, unknown>;
    noOccurredAt.event!.metadata = rest;
    expect(() => toRecordedEvent(noOccurredAt)).toThrow(/occurredAt/);

    const binary = storedFrom(newEvent);
    (binary.event as { isJson: boolean }).isJson = false;
    expect(() => toRecordedEvent(binary)).toThrow(/not JSON/);
  });
});

describe('toReadPosition', () => {
  it('names an event by its commit position for both halves (gRPC appends commit implicitly)', () => {
    expect(toReadPosition(4_242n)).toEqual({ commit: 4_242n, prepare: 4_242n });
  });
});

describe('matchStoredEvents', () => {
  const at = (id: string, streamVersion: number): RecordedEvent => ({
    ...newEvent,
    id,
    stream: 'town-7',
    streamVersion,
    globalPosition: BigInt(1000 + streamVersion),
    recordedAt: '2017-04-01T00:00:00.000Z',
  });

  it('finds nothing when none of the ids is stored', () => {
    expect(matchStoredEvents(['a', 'b'], [at('x', 3)])).toEqual({ kind: 'none' });
  });

  it('recognises a retried append, returning the stored events in the order of the append', () => {
    // Scans read backwards, so the stored events arrive newest first.
    const match = matchStoredEvents(['a', 'b', 'c'], [at('c', 7), at('b', 6), at('a', 5)]);
    expect(match.kind).toBe('all');
    expect(match.kind === 'all' && match.events.map((e) => [e.id, e.globalPosition])).toEqual([
      ['a', 1005n],
      ['b', 1006n],
      ['c', 1007n],
    ]);
  });

  it('calls some-but-not-all a conflict, naming the first stored id in the order of the append', () => {
    expect(matchStoredEvents(['a', 'b', 'c'], [at('c', 9), at('b', 6)])).toEqual({
      kind: 'partial',
      eventId: 'b',
    });
  });

  it('counts every id stored in the stream as a retry, as the port words it, whatever their versions', () => {
    const match = matchStoredEvents(['a', 'b'], [at('a', 6), at('b', 2)]);
    expect(match.kind === 'all' && match.events.map((e) => e.streamVersion)).toEqual([6, 2]);
  });
});

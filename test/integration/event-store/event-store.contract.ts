import type { NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import {
  EventIdConflictError,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../../../infra/event-store/event-store.errors';
import type { EventStore, ExpectedVersion } from '../../../infra/event-store/event-store.port';
import { testEvent, testEvents, uniqueStream, waitUntil } from './test-events';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * What every EventStore adapter must do, whatever holds the events. Adapter-neutral on purpose: no SQL,
 * no assumption that positions start at 1 or have no gaps, and no assumption that the log holds only
 * this suite's events (each test uses streams of its own and checkpoints taken from its own appends).
 *
 * `factory` is called once for the suite and once more for the close test.
 */
export interface ContractOptions {
  /**
   * Whether the store refuses an event id already stored in *another* stream. The SQL stores do (ids
   * are unique in the events table); KurrentDB keeps no index of ids across streams (decision 0004).
   */
  readonly idsUniqueAcrossStreams?: boolean;
}

export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  options: ContractOptions = {},
): void {
  const { idsUniqueAcrossStreams = true } = options;
  describe(`event store contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;

    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.cleanup();
    });

    /** A position after which only what the test appends next will be found (among its own streams). */
    async function checkpoint(): Promise<bigint> {
      const { positions } = await store.append(uniqueStream('checkpoint'), [testEvent()], 'no_stream');
      return positions[0]!;
    }

    async function eventsOfStreams(streams: readonly string[], after: bigint): Promise<RecordedEvent[]> {
      return (await store.readAll({ after })).filter((event) => streams.includes(event.stream));
    }

    async function expectNothingWritten(
      stream: string,
      before: RecordedEvent[],
      after: bigint,
      ids: string[],
    ) {
      expect(await store.readStream(stream)).toEqual(before);
      const later = await store.readAll({ after });
      expect(later.filter((event) => ids.includes(event.id) && event.stream === stream)).toEqual([]);
      expect(later.filter((event) => event.stream === stream)).toEqual([]);
    }

    async function expectWrongExpectedVersion(
      attempt: Promise<unknown>,
      expected: { stream: string; expected: string; actual: number },
    ): Promise<void> {
      const error: unknown = await attempt.then(
        () => new Error('append succeeded'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', ...expected });
    }

    describe('append and readStream', () => {
      it('stores a new stream and reads every field back as given', async () => {
        const stream = uniqueStream('roundtrip');
        const events = testEvents(3);

        const result = await store.append(stream, events, 'no_stream');

        expect(result.alreadyStored).toBe(false);
        expect(result.nextExpectedVersion).toBe(2);
        expect(result.positions).toHaveLength(3);
        result.positions.forEach((position) => expect(typeof position).toBe('bigint'));
        expect(
          result.positions[0]! < result.positions[1]! && result.positions[1]! < result.positions[2]!,
        ).toBe(true);

        const read = await store.readStream(stream);
        expect(read).toHaveLength(3);
        read.forEach((recorded, index) => {
          const given = events[index]!;
          expect(recorded).toEqual({
            id: given.id,
            type: given.type,
            data: given.data,
            metadata: given.metadata,
            occurredAt: given.occurredAt,
            stream,
            streamVersion: index,
            globalPosition: result.positions[index],
            recordedAt: expect.any(String) as unknown,
          });
          expect(new Date(recorded.recordedAt).toISOString()).toBe(recorded.recordedAt);
        });
      });

      it('continues a stream from the version the previous append returned', async () => {
        const stream = uniqueStream('continue');
        const first = await store.append(stream, testEvents(2), 'no_stream');
        const second = await store.append(stream, testEvents(1), first.nextExpectedVersion);

        expect(second.nextExpectedVersion).toBe(2);
        expect(second.positions[0]! > first.positions[1]!).toBe(true);
        expect((await store.readStream(stream)).map((event) => event.streamVersion)).toEqual([0, 1, 2]);
      });

      it('reads an unknown stream as empty, in both directions', async () => {
        const stream = uniqueStream('unknown');
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
      });

      describe('ranges', () => {
        const stream = uniqueStream('ranges');
        const versionsOf = (events: RecordedEvent[]) => events.map((event) => event.streamVersion);

        beforeAll(async () => {
          await store.append(stream, testEvents(5), 'no_stream');
        });

        it('reads forwards from a version, up to a count', async () => {
          expect(versionsOf(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4]);
          expect(versionsOf(await store.readStream(stream, { fromVersion: 2 }))).toEqual([2, 3, 4]);
          expect(versionsOf(await store.readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
          expect(versionsOf(await store.readStream(stream, { fromVersion: 1, maxCount: 2 }))).toEqual([1, 2]);
          expect(versionsOf(await store.readStream(stream, { fromVersion: 9 }))).toEqual([]);
        });

        it('reads backwards from the end or from a version, up to a count', async () => {
          const backwards = { direction: 'backwards' } as const;
          expect(versionsOf(await store.readStream(stream, backwards))).toEqual([4, 3, 2, 1, 0]);
          expect(versionsOf(await store.readStream(stream, { ...backwards, fromVersion: 3 }))).toEqual([
            3, 2, 1, 0,
          ]);
          expect(versionsOf(await store.readStream(stream, { ...backwards, maxCount: 2 }))).toEqual([4, 3]);
          expect(
            versionsOf(await store.readStream(stream, { ...backwards, fromVersion: 3, maxCount: 2 })),
          ).toEqual([3, 2]);
        });
      });
    });

    describe('expected version', () => {
      /** A stream at version 1 (two events), with what is needed to prove a refused append wrote nothing. */
      async function streamAtVersionOne() {
        const stream = uniqueStream('expected');
        await store.append(stream, testEvents(2), 'no_stream');
        return { stream, before: await store.readStream(stream), after: await checkpoint() };
      }

      it.each<[string, ExpectedVersion]>([
        ['a lower version', 0],
        ['a higher version', 5],
        ['no_stream', 'no_stream'],
      ])('refuses %s on an existing stream and writes nothing', async (_label, expectedVersion) => {
        const { stream, before, after } = await streamAtVersionOne();
        const events = testEvents(2);

        await expectWrongExpectedVersion(store.append(stream, events, expectedVersion), {
          stream,
          expected: String(expectedVersion),
          actual: 1,
        });
        await expectNothingWritten(
          stream,
          before,
          after,
          events.map((event) => event.id),
        );
      });

      it.each<[string, ExpectedVersion]>([
        ['a version', 0],
        ['stream_exists', 'stream_exists'],
      ])('refuses %s on a stream that does not exist and writes nothing', async (_label, expectedVersion) => {
        const stream = uniqueStream('missing');
        const after = await checkpoint();
        const events = testEvents(1);

        await expectWrongExpectedVersion(store.append(stream, events, expectedVersion), {
          stream,
          expected: String(expectedVersion),
          actual: -1,
        });
        await expectNothingWritten(stream, [], after, [events[0]!.id]);
      });

      it('accepts the current version, stream_exists and any on an existing stream', async () => {
        const { stream } = await streamAtVersionOne();
        expect((await store.append(stream, testEvents(1), 1)).nextExpectedVersion).toBe(2);
        expect((await store.append(stream, testEvents(1), 'stream_exists')).nextExpectedVersion).toBe(3);
        expect((await store.append(stream, testEvents(1), 'any')).nextExpectedVersion).toBe(4);
      });

      it('accepts any on a stream that does not exist', async () => {
        const stream = uniqueStream('any');
        expect((await store.append(stream, testEvents(2), 'any')).nextExpectedVersion).toBe(1);
      });

      it('lets exactly one of several concurrent appends at the same version win', async () => {
        const { stream } = await streamAtVersionOne();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () => store.append(stream, testEvents(1), 1)),
        );

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
        }
        expect(await store.readStream(stream)).toHaveLength(3);
      });
    });

    describe('idempotent append', () => {
      it('answers a retried append with the original result and writes nothing twice', async () => {
        const stream = uniqueStream('retry');
        const events = testEvents(3);
        const original = await store.append(stream, events, 'no_stream');

        const retried = await store.append(stream, events, 'no_stream');

        expect(retried).toEqual({ ...original, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('still answers the retry after the stream has moved on, with the version the original reached', async () => {
        const stream = uniqueStream('retry-later');
        const events = testEvents(2);
        const original = await store.append(stream, events, 'no_stream');
        await store.append(stream, testEvents(2), original.nextExpectedVersion);

        const retried = await store.append(stream, events, 'no_stream');

        expect(retried).toEqual({ ...original, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('answers a retry sent with "any" the same way', async () => {
        const stream = uniqueStream('retry-any');
        const events = testEvents(2);
        const original = await store.append(stream, events, 'any');

        const retried = await store.append(stream, events, 'any');

        expect(retried).toEqual({ ...original, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('refuses an append that repeats only some stored ids, and writes none of it', async () => {
        const stream = uniqueStream('partial');
        const stored = testEvents(2);
        await store.append(stream, stored, 'no_stream');
        const before = await store.readStream(stream);
        const after = await checkpoint();
        const fresh = testEvent();

        const attempt = store.append(stream, [stored[1]!, fresh], 1);

        await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(attempt).rejects.toMatchObject({
          code: 'EVENT_ID_CONFLICT',
          stream,
          eventId: stored[1]!.id,
        });
        await expectNothingWritten(stream, before, after, [fresh.id]);
      });

      // Skipped only for a store that documents it keeps no id index across streams (see ContractOptions).
      (idsUniqueAcrossStreams ? it : it.skip)(
        'refuses an id already stored in another stream, and writes nothing',
        async () => {
          const elsewhere = uniqueStream('elsewhere');
          const stream = uniqueStream('here');
          const [event] = testEvents(1);
          await store.append(elsewhere, [event!], 'no_stream');
          const after = await checkpoint();

          const attempt = store.append(stream, [event!], 'no_stream');

          await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
          await expect(attempt).rejects.toMatchObject({ stream, eventId: event!.id });
          await expectNothingWritten(stream, [], after, [event!.id]);
          expect(await store.readStream(elsewhere)).toHaveLength(1);
        },
      );
    });

    describe('readAll', () => {
      it('returns what was appended after a checkpoint, in global order, across streams', async () => {
        const [a, b] = [uniqueStream('all-a'), uniqueStream('all-b')];
        const after = await checkpoint();
        const appended: NewEvent[] = [];
        for (const [stream, count] of [
          [a, 2],
          [b, 1],
          [a, 1],
        ] as const) {
          const events = testEvents(count);
          await store.append(stream, events, 'any');
          appended.push(...events);
        }

        const read = await eventsOfStreams([a, b], after);

        expect(read.map((event) => event.id)).toEqual(appended.map((event) => event.id));
        expect(read.map((event) => event.stream)).toEqual([a, a, b, a]);
        expectStrictlyIncreasing(read.map((event) => event.globalPosition));
        expect(read.every((event) => event.globalPosition > after)).toBe(true);
      });

      it('pages with maxCount, continuing from the last position read', async () => {
        const stream = uniqueStream('pages');
        const after = await checkpoint();
        await store.append(stream, testEvents(5), 'no_stream');
        const whole = await store.readAll({ after });

        const firstPage = await store.readAll({ after, maxCount: 2 });
        const secondPage = await store.readAll({ after: firstPage.at(-1)!.globalPosition, maxCount: 2 });

        expect(firstPage).toEqual(whole.slice(0, 2));
        expect(secondPage).toEqual(whole.slice(2, 4));
        expect(await store.readAll({ after, maxCount: 0 })).toEqual([]);
      });

      it('reads from the start of the log when no checkpoint is given', async () => {
        const stream = uniqueStream('from-start');
        const { positions } = await store.append(stream, testEvents(1), 'no_stream');

        const all = await store.readAll();

        expect(all.find((event) => event.stream === stream)?.globalPosition).toBe(positions[0]);
        expectStrictlyIncreasing(all.map((event) => event.globalPosition));
      });
    });

    describe('subscribeToAll', () => {
      it('delivers the stored events, then live ones, in order and exactly once', async () => {
        const [a, b] = [uniqueStream('sub-a'), uniqueStream('sub-b')];
        const after = await checkpoint();
        const stored = testEvents(3);
        await store.append(a, stored, 'no_stream');
        const delivered: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({ after }, (event) => {
          if (event.stream === a || event.stream === b) delivered.push(event);
        });

        try {
          await waitUntil('the stored events are delivered', () => delivered.length === 3);
          const live = [...testEvents(2), testEvent()];
          await store.append(a, live.slice(0, 2), 2);
          await store.append(b, live.slice(2), 'no_stream');
          // A last event proves everything before it has been delivered; then no duplicate may be there.
          const sentinel = testEvent({ type: 'Sentinel' });
          await store.append(b, [sentinel], 0);
          await waitUntil('the sentinel is delivered', () =>
            delivered.some((event) => event.id === sentinel.id),
          );

          expect(delivered.map((event) => event.id)).toEqual([...stored, ...live, sentinel].map((e) => e.id));
          expectStrictlyIncreasing(delivered.map((event) => event.globalPosition));
        } finally {
          await subscription.stop();
        }
        await expect(subscription.done).resolves.toBeUndefined();
      });

      it('delivers from the start of the log without a checkpoint', async () => {
        const stream = uniqueStream('sub-start');
        const [event] = testEvents(1);
        await store.append(stream, [event!], 'no_stream');
        const seen: string[] = [];

        const subscription = store.subscribeToAll({}, (recorded) => {
          seen.push(recorded.id);
        });
        try {
          await waitUntil('the earlier event is delivered', () => seen.includes(event!.id));
        } finally {
          await subscription.stop();
        }
      });

      it('delivers nothing after stop() has resolved', async () => {
        const stream = uniqueStream('sub-stop');
        const after = await checkpoint();
        const stoppedSaw: string[] = [];
        const witnessSaw: string[] = [];
        const stopped = store.subscribeToAll({ after }, (event) => {
          stoppedSaw.push(event.id);
        });
        const witness = store.subscribeToAll({ after }, (event) => {
          witnessSaw.push(event.id);
        });

        try {
          const [first] = testEvents(1);
          await store.append(stream, [first!], 'no_stream');
          await waitUntil('the first event is delivered', () => stoppedSaw.includes(first!.id));
          await stopped.stop();

          const [second] = testEvents(1);
          await store.append(stream, [second!], 0);
          await waitUntil('the witness sees the second event', () => witnessSaw.includes(second!.id));

          expect(stoppedSaw).not.toContain(second!.id);
          await expect(stopped.done).resolves.toBeUndefined();
        } finally {
          await witness.stop();
        }
      });

      it('lets the handler in progress finish before stop() resolves', async () => {
        const stream = uniqueStream('sub-drain');
        const after = await checkpoint();
        let handlerStarted = false;
        let handlerFinished = false;
        let releaseHandler: () => void = () => undefined;
        const subscription = store.subscribeToAll({ after }, async (event) => {
          if (event.stream !== stream) return;
          handlerStarted = true;
          await new Promise<void>((resolve) => (releaseHandler = resolve));
          handlerFinished = true;
        });
        await store.append(stream, testEvents(1), 'no_stream');
        await waitUntil('the handler starts', () => handlerStarted);

        const stopping = subscription.stop();
        releaseHandler();
        await stopping;

        expect(handlerFinished).toBe(true);
      });

      it('rejects done with the handler error and stops delivering', async () => {
        const stream = uniqueStream('sub-fail');
        const after = await checkpoint();
        const failure = new Error('projection failed');
        const calls: string[] = [];
        const subscription = store.subscribeToAll({ after }, (event) => {
          if (event.stream !== stream) return;
          calls.push(event.id);
          throw failure;
        });

        await store.append(stream, testEvents(2), 'no_stream');

        await expect(subscription.done).rejects.toBe(failure);
        expect(calls).toHaveLength(1);
        await subscription.stop();
      });
    });

    describe('health and close', () => {
      it('reports a healthy store', async () => {
        await expect(store.checkHealth()).resolves.toBeUndefined();
      });

      it('refuses every call after close, as unavailable, and stops subscriptions', async () => {
        const closing = await factory();
        const subscription = closing.store.subscribeToAll({}, () => undefined);
        try {
          await closing.store.close();
          await expect(subscription.done).resolves.toBeUndefined();
          await expect(closing.store.checkHealth()).rejects.toBeInstanceOf(EventStoreUnavailableError);
          await expect(
            closing.store.append(uniqueStream('closed'), testEvents(1), 'any'),
          ).rejects.toBeInstanceOf(EventStoreUnavailableError);
          await expect(closing.store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
        } finally {
          await closing.cleanup();
        }
      });
    });
  });
}

function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  positions.slice(1).forEach((position, index) => {
    expect(position > positions[index]!).toBe(true);
  });
}

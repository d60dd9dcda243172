import { RecentStepsSeen, recentStepsShown } from '../../../apps/api/read-models/recent-steps';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';

/** The town page answers from memory only when the fold saw what reading the stream would return. */
const stream = 'town-masan';
let position = 0n;
const event = (streamVersion: number, on = stream): RecordedEvent => ({
  id: `${on}-${streamVersion}`,
  type: streamVersion === 0 ? 'TownApplied' : 'PlanSubmitted',
  data: {},
  metadata: {
    actor: { userId: 'official-luxi', seat: 'county-official', county: 'luxi' },
    causationId: 'c',
    correlationId: 'c',
  },
  occurredAt: '2017-04-01T00:00:00.000Z',
  recordedAt: '2017-04-01T00:00:00.000Z',
  stream: on,
  streamVersion,
  globalPosition: (position += 1n),
});
const versions = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('RecentStepsSeen', () => {
  it('answers for a stream seen from its first event, and keeps only the latest steps', () => {
    const seen = new RecentStepsSeen();
    const events = versions(0, 14).map((version) => event(version));
    events.slice(0, 3).forEach((each) => seen.seen(each));
    expect(seen.of({ stream, lastVersion: 2 })?.map((step) => step.type)).toEqual([
      'TownApplied',
      'PlanSubmitted',
      'PlanSubmitted',
    ]);
    events.slice(3).forEach((each) => seen.seen(each));
    const steps = seen.of({ stream, lastVersion: 14 });
    expect(steps?.map((step) => step.globalPosition)).toEqual(
      events.slice(-recentStepsShown).map((each) => each.globalPosition),
    );
    expect(steps?.[0]?.actor).toEqual({ userId: 'official-luxi', seat: 'county-official', county: 'luxi' });
  });

  it('does not answer for a stream whose earlier steps it did not see, until it has seen enough', () => {
    const seen = new RecentStepsSeen();
    // Folded from a snapshot: the town's first events are not in memory.
    versions(20, 20 + recentStepsShown - 2).forEach((version) => seen.seen(event(version)));
    expect(seen.of({ stream, lastVersion: 20 + recentStepsShown - 2 })).toBeUndefined();
    seen.seen(event(20 + recentStepsShown - 1));
    expect(seen.of({ stream, lastVersion: 20 + recentStepsShown - 1 })).toHaveLength(recentStepsShown);
  });

  it('does not answer for a record at another version than the last it saw', () => {
    const seen = new RecentStepsSeen();
    versions(0, 4).forEach((version) => seen.seen(event(version)));
    expect(seen.of({ stream, lastVersion: 3 })).toBeUndefined();
    expect(seen.of({ stream: 'town-other', lastVersion: 4 })).toBeUndefined();
  });

  it('starts again after a gap, where the fold skipped an event', () => {
    const seen = new RecentStepsSeen();
    [0, 1, 2, 4].forEach((version) => seen.seen(event(version)));
    expect(seen.of({ stream, lastVersion: 4 })).toBeUndefined();
  });
});

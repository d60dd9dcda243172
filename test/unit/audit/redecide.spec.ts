import { jiangxiStyleObservation, pingxiang2017, rehearsalOf } from '../../../domain/policy';
import type { NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import { redecideLog } from '../../../audit/redecide/redecide';
import { firstDifference } from '../../../domain/audit/redecide-compare';
import { groupSteps } from '../../../domain/audit/redecide-steps';
import { policyPackAdopted, policyPackStream } from '../../../infra/policy-packs/policy-pack-log';
import { pingxiangLog } from './decided-log';
import { RecordedLog } from './recorded';

/** The same log with `change` applied to copies of its events (as a superuser editing rows would). */
function edited(log: RecordedLog, change: (event: RecordedEvent) => RecordedEvent | null): RecordedLog {
  const copy = new RecordedLog();
  copy.events.push(
    ...log.events
      .map((event) => change(structuredClone(event)))
      .filter((event): event is RecordedEvent => event !== null),
  );
  return copy;
}

const townStream = 'town-shangli-fireworks';
const isEvent = (event: RecordedEvent, stream: string, type: string) =>
  event.stream === stream && event.type === type;

describe('re-deciding a log', () => {
  const decided = pingxiangLog(pingxiang2017);

  it('groups a stream into steps: one command each, its later events sharing its causation', () => {
    const steps = groupSteps(decided.log.events.filter((event) => event.stream === townStream));

    expect(steps.map((step) => step.map((event) => event.type))).toEqual([
      ['TownApplied'],
      ['TownListed', 'RewardDue'],
      ['PlanSubmitted'],
      ['PlanApproved'],
      ['YearlyReviewOpened'],
      ['YearlyStatisticsSubmitted'],
      ['TownRated', 'TownExited', 'RewardForfeited'],
    ]);
    expect(steps.map((step) => step[0]?.metadata.command?.type)).toEqual([
      'ApplyForTown',
      'RecordSelection',
      'SubmitPlan',
      'ApprovePlan',
      'OpenYearlyReview',
      'SubmitYearlyStatistics',
      'RateTown',
    ]);
    expect(steps.flat().filter((event) => event.metadata.command !== undefined)).toHaveLength(7);
  });

  it('starts a step at every command, even one that repeats the causation before it', () => {
    const [first, second] = decided.log.events.filter((event) => event.stream === 'programme-px');
    const sameCause = {
      ...second!,
      metadata: { ...second!.metadata, causationId: first!.metadata.causationId },
    };
    const withoutCommands = [first!, sameCause].map(
      ({ metadata: { command: _dropped, ...rest }, ...event }) => ({
        ...event,
        metadata: rest,
      }),
    );

    expect(groupSteps([first!, sameCause])).toHaveLength(2);
    // Before commands were recorded, the causation is all there is to go by.
    expect(groupSteps(withoutCommands)).toHaveLength(1);
  });

  it('reproduces every step of a log the deciders wrote, and counts them per stream', async () => {
    const progress: { done: number; total: number }[] = [];

    const report = await redecideLog({ store: decided.log.reader(), onProgress: (p) => progress.push(p) });

    expect(report.ok).toBe(true);
    expect(report.totals).toEqual({
      steps: 15,
      reproduced: 15,
      differs: 0,
      refused: 0,
      notReDecidable: 0,
      byReason: {},
    });
    expect(report.streams.map(({ stream, steps, reproduced }) => [stream, steps, reproduced])).toEqual([
      ['programme-px', 2, 2],
      ['batch-px-2017', 6, 6],
      [townStream, 7, 7],
    ]);
    expect(report.packs).toEqual([
      { id: 'pingxiang-2017', version: pingxiang2017.version, source: 'built-in', steps: 15 },
    ]);
    expect(report).toMatchObject({ eventsRead: 18, upToPosition: '18', steps: [], stepsNotListed: 0 });
    expect(progress.at(0)).toEqual({ done: 0, total: 18 });
    expect(progress.at(-1)).toEqual({ done: 18, total: 18 });
  });

  it("names the step, the event and the field where an event's data was edited", async () => {
    const log = edited(decided.log, (event) =>
      isEvent(event, townStream, 'RewardForfeited')
        ? { ...event, data: { ...(event.data as object), amountYuan: 1 } }
        : event,
    );

    const report = await redecideLog({ store: log.reader() });

    expect(report.ok).toBe(false);
    expect(report.totals).toMatchObject({ steps: 15, reproduced: 14, differs: 1 });
    expect(report.steps).toEqual([
      expect.objectContaining({
        stream: townStream,
        fromVersion: 7,
        toVersion: 9,
        commandType: 'RateTown',
        eventTypes: ['TownRated', 'TownExited', 'RewardForfeited'],
        outcome: {
          status: 'differs',
          difference: {
            eventIndex: 2,
            streamVersion: 9,
            path: 'data.amountYuan',
            expected: 1_000_000,
            found: 1,
          },
        },
      }),
    ]);
  });

  it('reports an edited command by the events it would give, and a missing event as a whole', async () => {
    const betterScore = edited(decided.log, (event) =>
      event.metadata.command?.type === 'RateTown'
        ? {
            ...event,
            metadata: {
              ...event.metadata,
              command: { type: 'RateTown', data: { year: 2018, score: 90, assessment: 'on site' } },
            },
          }
        : event,
    );
    const lostEvent = edited(decided.log, (event) =>
      isEvent(event, townStream, 'RewardForfeited') ? null : event,
    );

    const [rescored] = (await redecideLog({ store: betterScore.reader() })).steps;
    const [shortened] = (await redecideLog({ store: lostEvent.reader() })).steps;

    expect(rescored?.outcome).toEqual({
      status: 'differs',
      difference: {
        eventIndex: 0,
        streamVersion: 7,
        path: 'data.rating',
        expected: 'excellent',
        found: 'unqualified',
      },
    });
    expect(shortened?.outcome).toEqual({
      status: 'differs',
      difference: {
        eventIndex: 2,
        streamVersion: null,
        path: '',
        expected: { type: 'RewardForfeited', data: expect.objectContaining({ amountYuan: 1_000_000 }) },
      },
    });
  });

  it('reports a step its own rules refuse now, and one whose command cannot be decided', async () => {
    const wrongSeat = edited(decided.log, (event) =>
      event.metadata.command?.type === 'ApprovePlan'
        ? { ...event, metadata: { ...event.metadata, actor: { userId: 'c-1', seat: 'county-official' } } }
        : event,
    );
    const malformed = edited(decided.log, (event) =>
      event.metadata.command?.type === 'RateTown'
        ? { ...event, metadata: { ...event.metadata, command: { type: 'RateTown', data: null } } }
        : event,
    );

    const refused = await redecideLog({ store: wrongSeat.reader() });
    const failed = await redecideLog({ store: malformed.reader() });

    expect(refused.ok).toBe(false);
    expect(refused.steps).toEqual([
      expect.objectContaining({
        commandType: 'ApprovePlan',
        outcome: expect.objectContaining({ status: 'refused', code: 'ROLE_NOT_ALLOWED' }),
      }),
    ]);
    expect(failed.steps).toEqual([
      expect.objectContaining({
        commandType: 'RateTown',
        outcome: expect.objectContaining({ status: 'not-re-decidable', reason: 'DECIDE_FAILED' }),
      }),
    ]);
    expect(failed.ok).toBe(false);
  });

  it('reports steps recorded before commands were kept, without failing', async () => {
    const old = edited(decided.log, (event) => {
      const { command: _dropped, ...metadata } = event.metadata;
      return { ...event, metadata };
    });

    const report = await redecideLog({ store: old.reader() });

    expect(report.ok).toBe(true);
    expect(report.totals).toMatchObject({
      steps: 15,
      reproduced: 0,
      notReDecidable: 15,
      byReason: { NO_COMMAND: 15 },
    });
    expect(report.steps[0]?.outcome).toMatchObject({ status: 'not-re-decidable', reason: 'NO_COMMAND' });
  });

  describe('a pack no build knows', () => {
    const rehearsal = rehearsalOf(pingxiang2017, '2017-03-01');
    const rehearsed = pingxiangLog(rehearsal);
    const adoption = (pack: unknown): NewEvent => ({
      ...policyPackAdopted(rehearsal, {
        now: '2017-02-20T01:00:00.000Z',
        correlationId: 'programme-start:px',
      }),
      data: { pack },
    });
    const withDocument = (pack: unknown): RecordedLog => {
      const log = new RecordedLog().append(policyPackStream(rehearsal.id), [adoption(pack)]);
      for (const step of rehearsed.steps) log.append(step.stream, step.events);
      return log;
    };

    it('is found in the log, where the programme recorded it, and every step reproduces', async () => {
      const report = await redecideLog({ store: withDocument(rehearsal).reader() });

      expect(report.ok).toBe(true);
      expect(report.totals.reproduced).toBe(15);
      expect(report.packs).toEqual([
        { id: rehearsal.id, version: rehearsal.version, source: 'log', steps: 15 },
      ]);
      expect(report.otherStreams).toEqual({ policy: 1 });
    });

    it('fails every step it decided when the log does not hold it', async () => {
      const report = await redecideLog({ store: rehearsed.log.reader() });

      expect(report.ok).toBe(false);
      expect(report.totals.byReason).toEqual({ POLICY_NOT_FOUND: 15 });
      expect(report.packs).toEqual([expect.objectContaining({ source: 'none', steps: 15 })]);
    });

    it('is not trusted when its document does not hash to its version', async () => {
      const altered = { ...rehearsal, quota: { ...rehearsal.quota, maxTownsPerCounty: 9 } };

      const report = await redecideLog({ store: withDocument(altered).reader() });

      expect(report.ok).toBe(false);
      expect(report.totals.byReason).toEqual({ POLICY_UNTRUSTED: 15 });
      expect(report.packs).toEqual([
        expect.objectContaining({
          source: 'untrusted',
          problem: expect.objectContaining({ code: 'POLICY_VERSION_MISMATCH' }),
        }),
      ]);
    });
  });

  it('says which steps another pack would decide otherwise, without failing the log', async () => {
    const report = await redecideLog({ store: decided.log.reader(), whatIf: jiangxiStyleObservation });

    expect(report.ok).toBe(true);
    expect(report.whatIf).toMatchObject({
      policy: { id: jiangxiStyleObservation.id, version: jiangxiStyleObservation.version },
      stepsDecided: 15,
      stepsThatWouldDiffer: 1,
      wouldBeRefused: 0,
      byCommand: { RateTown: 1 },
      stepsNotListed: 0,
    });
    expect(report.whatIf?.steps).toEqual([
      expect.objectContaining({
        commandType: 'RateTown',
        eventTypes: ['TownRated', 'TownExited', 'RewardForfeited'],
        whatIf: { decided: ['TownRated', 'TownPlacedUnderObservation'] },
        // The rating's consequence: observation instead of exit.
        difference: {
          eventIndex: 0,
          streamVersion: 7,
          path: 'data.consequence',
          expected: 'observation',
          found: 'exit',
        },
      }),
    ]);
  });

  it("re-decides one town's stream alone, and refuses a town with no events", async () => {
    const report = await redecideLog({ store: decided.log.reader(), townId: 'shangli-fireworks' });

    expect(report.scope).toEqual({ kind: 'town', townId: 'shangli-fireworks' });
    expect(report.totals.reproduced).toBe(7);
    expect(report.streams.map((stream) => stream.stream)).toEqual([townStream]);
    await expect(redecideLog({ store: decided.log.reader(), townId: 'nowhere' })).rejects.toMatchObject({
      code: 'TOWN_NOT_FOUND',
    });
  });

  it('lists the first steps in log order, and counts the rest', async () => {
    const old = edited(decided.log, (event) => {
      const { command: _dropped, ...metadata } = event.metadata;
      return { ...event, metadata };
    });

    const report = await redecideLog({ store: old.reader(), maxListedSteps: 3 });

    expect(report.steps.map((step) => step.position)).toEqual(['1', '2', '3']);
    expect(report.stepsNotListed).toBe(12);
  });
});

describe('the first difference between two JSON values', () => {
  it('names the path, in the decided value’s key order, with both values', () => {
    expect(firstDifference({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }, 'data')).toEqual({
      path: 'data.b.c[1]',
      expected: 2,
      found: 3,
    });
    expect(firstDifference({ 2018: 'x', 'a-b': 1 }, { 2018: 'x', 'a-b': 2 }, 'data')).toEqual({
      path: 'data["a-b"]',
      expected: 1,
      found: 2,
    });
  });

  it('tells a missing member or item from one set to null', () => {
    expect(firstDifference({ a: null }, {}, 'data')).toEqual({ path: 'data.a', expected: null });
    expect(firstDifference({}, { toString: 1 }, 'data')).toEqual({ path: 'data.toString', found: 1 });
    expect(firstDifference([1], [1, 2], 'data')).toEqual({ path: 'data[1]', found: 2 });
    expect(firstDifference({ a: [1] }, { a: [1] }, 'data')).toBeNull();
  });
});

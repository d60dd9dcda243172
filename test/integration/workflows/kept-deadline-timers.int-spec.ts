import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { townDecider } from '../../../domain/town';
import type { TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import {
  A1,
  batch2017,
  L1,
  pingxiangUpToFirstPlans,
  U1,
  type PingxiangScenario,
} from '../../helpers/pingxiang-scenario';

const { EventType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const PROGRAMME = 'pingxiang-kept-timers';
/** Towns listed in 2017 (all but Luxi's porcelain town), who each hear of the 2027 review. */
const LISTED_2017 = batch2017.filter((town) => town.townId !== U1.townId);

async function eventsOf(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

const seconds = (value: { seconds?: unknown; nanos?: number | null } | null | undefined): number =>
  Number(value?.seconds ?? 0) + (value?.nanos ?? 0) / 1e9;

/**
 * Timers a workflow task cancelled only to start one for the same instant (within a second: distinct
 * deadlines and reminders are hours apart), as [cancelled, started] fire instants in seconds.
 */
function restartedTimers(events: readonly HistoryEvent[]): [number, number][] {
  const fireAt = new Map<string, number>();
  const startedIn = new Map<string, number[]>();
  for (const event of events) {
    const started = event.timerStartedEventAttributes;
    if (!started) continue;
    const instant = seconds(event.eventTime) + seconds(started.startToFireTimeout);
    fireAt.set(String(event.eventId), instant);
    const task = String(started.workflowTaskCompletedEventId);
    startedIn.set(task, [...(startedIn.get(task) ?? []), instant]);
  }
  return events.flatMap((event): [number, number][] => {
    const cancelled = event.timerCanceledEventAttributes;
    if (!cancelled) return [];
    const instant = fireAt.get(String(cancelled.startedEventId)) ?? NaN;
    return (startedIn.get(String(cancelled.workflowTaskCompletedEventId)) ?? [])
      .filter((other) => Math.abs(other - instant) < 1)
      .map((other) => [instant, other]);
  });
}

/** How many signals a workflow sent in each of its workflow tasks that sent any. */
function signalsPerTask(events: readonly HistoryEvent[]): number[] {
  const perTask = new Map<string, number>();
  for (const event of events) {
    const task = event.signalExternalWorkflowExecutionInitiatedEventAttributes?.workflowTaskCompletedEventId;
    if (task != null) perTask.set(String(task), (perTask.get(String(task)) ?? 0) + 1);
  }
  return [...perTask.values()];
}

/**
 * What docs/decisions/0042 changed in the commands of new runs, watched on a live programme: a step
 * that leaves the next deadline where it was keeps its timer, and a relayed round goes out in one
 * workflow task.
 */
describe('kept deadline timers and concurrent relays, in the first year of the Pingxiang programme', () => {
  let world: TimeSkippingWorld;
  let scenario: PingxiangScenario;

  beforeAll(async () => {
    ({ world, scenario } = await pingxiangUpToFirstPlans(PROGRAMME));
    await scenario.review2027();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('never cancels a timer in a step only to start one for the same instant', async () => {
    for (const { townId } of batch2017) {
      const restarted = restartedTimers(await eventsOf(scenario.officials.townHandle(townId)));
      expect({ townId, restarted }).toEqual({ townId, restarted: [] });
    }
    expect(restartedTimers(await eventsOf(scenario.officials.programmeHandle()))).toEqual([]);
  });

  it("lets most of a town's timers run to their instant, one still waiting for the next", async () => {
    const events = await eventsOf(scenario.officials.townHandle(A1.townId));
    const count = (type: temporal.api.enums.v1.EventType) =>
      events.filter((event) => event.eventType === type).length;
    // A timer is cancelled only when its deadline went (a plan in before it was due); the others fired,
    // but the one waiting for the next reminder.
    const open = 1;
    expect(count(EventType.EVENT_TYPE_TIMER_STARTED)).toBe(
      count(EventType.EVENT_TYPE_TIMER_FIRED) + count(EventType.EVENT_TYPE_TIMER_CANCELED) + open,
    );
    expect(count(EventType.EVENT_TYPE_TIMER_CANCELED)).toBeLessThan(count(EventType.EVENT_TYPE_TIMER_FIRED));
  });

  it('relays the published list to every applicant and the programme in one workflow task', async () => {
    const events = await eventsOf(scenario.officials.batchHandle('2017'));
    expect(signalsPerTask(events)).toEqual([batch2017.length + 1]);
  });

  it('relays the opening of the 2027 review to every listed town in one workflow task', async () => {
    const events = await eventsOf(scenario.officials.programmeHandle());
    expect(signalsPerTask(events)).toContain(LISTED_2017.length);
    expect(signalsPerTask(events).every((count) => count > 1)).toBe(true);
  });

  it('still records every relayed step in each town, once', async () => {
    const stored = await world.store.readStream(townDecider.streamOf(L1.townId));
    expect(stored.filter((event) => event.type === 'TownListed')).toHaveLength(1);
    expect(stored.filter((event) => event.type === 'YearlyReviewOpened')).toHaveLength(1);
  });
});

/**
 * The bare mirror of a real lifecycle run: N bare towns receive, at the same points of a four-year
 * calendar (shifted to now), the same updates and relayed signals as the real towns, fire timers at
 * the same instants, and run as many empty activities, with officials working the same number of towns
 * at a time. Only the work inside is gone: deciders, the policy pack, the event store, the batch and
 * programme workflows' own bookkeeping.
 */
import { fromEpochMs, toEpochMs } from '../../domain/calendar/instant';
import type { TimeSkippingWorld } from '../../apps/simulate/time-skipping-world';
import { bareTownWorkflow } from './bare-town/bare-town.workflow';
import { bareRelaySignal, bareStepUpdate, type BareTownInput } from './bare-town/bare-town.messages';
import { forEachLimit } from './concurrency';
import { elapsedMs, splitTimer, type LifecycleRun, type PhaseRecord } from './lifecycle-run';

export interface BareShape {
  readonly phases: readonly PhaseRecord[];
  /** When a real town's own timers fired, in ms after the run's start. */
  readonly timerOffsets: readonly number[];
  readonly activitiesAfterTimers: number;
  /** When a real town received each relayed round, in ms after the run's start. */
  readonly signalOffsets: readonly number[];
  /** When the real run took its last step (the programme's close). */
  readonly endOffsetMs: number;
}

type Happening =
  | {
      readonly kind: 'phase';
      readonly offsetMs: number;
      readonly phase: PhaseRecord;
      readonly first: boolean;
    }
  | { readonly kind: 'signal'; readonly offsetMs: number };

export async function runBareLifecycle(
  world: TimeSkippingWorld,
  taskQueue: string,
  shape: BareShape,
  options: { readonly towns: number; readonly runId: string; readonly concurrency: number },
  onPhase: (label: string) => void = () => undefined,
): Promise<LifecycleRun & { readonly workflowIds: readonly string[] }> {
  const workflowIds = Array.from(
    { length: options.towns },
    (_, index) => `bare-${options.runId}-${String(index + 1).padStart(4, '0')}`,
  );
  const updatesPerTown = shape.phases.reduce((sum, phase) => sum + phase.updates.length, 0);
  const happenings: Happening[] = [
    ...shape.phases.map((phase, index): Happening => ({
      kind: 'phase',
      offsetMs: phase.offsetMs,
      phase,
      first: index === 0,
    })),
    ...shape.signalOffsets.map((offsetMs): Happening => ({ kind: 'signal', offsetMs })),
  ].sort((a, b) => a.offsetMs - b.offsetMs);
  let updates = 0;
  const { split, time } = splitTimer();

  const startedAt = await world.now();
  const startMs = toEpochMs(startedAt);
  const input: BareTownInput = {
    timers: shape.timerOffsets.map((offset) => fromEpochMs(startMs + offset)),
    activitiesAfterTimers: shape.activitiesAfterTimers,
    updates: updatesPerTown,
    signals: shape.signalOffsets.length,
  };
  const handle = (workflowId: string) => world.client.workflow.getHandle<typeof bareTownWorkflow>(workflowId);
  const started = process.hrtime.bigint();
  for (const happening of happenings) {
    await time('skipping', () => world.advanceTo(fromEpochMs(startMs + happening.offsetMs)));
    if (happening.kind === 'signal') {
      onPhase('relayed round');
      await time('relays', () =>
        forEachLimit(workflowIds, options.concurrency, (workflowId) =>
          handle(workflowId).signal(bareRelaySignal, { localActivities: 0, activities: 1 }),
        ),
      );
      continue;
    }
    const { phase, first } = happening;
    onPhase(phase.label);
    await time('steps', () =>
      forEachLimit(workflowIds, options.concurrency, async (workflowId) => {
        // The application is what brings a town into being: the bare town starts with it.
        if (first)
          await world.client.workflow.start(bareTownWorkflow, { workflowId, taskQueue, args: [input] });
        for (const step of phase.updates) {
          updates += 1;
          await handle(workflowId).executeUpdate(bareStepUpdate, { args: [step] });
        }
      }),
    );
  }
  await time('skipping', () => world.advanceTo(fromEpochMs(startMs + shape.endOffsetMs)));
  await time('skipping', () => world.settle());
  return {
    towns: options.towns,
    wallMs: elapsedMs(started),
    updates,
    startedAt,
    phases: shape.phases,
    split,
    workflowIds,
  };
}

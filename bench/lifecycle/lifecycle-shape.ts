/**
 * Reads what the real run did, workflow by workflow, and turns it into the bare mirror's shape: the
 * updates come from the run's own phases; timers and relayed rounds from a real town's history; the
 * activities from every history (towns, batch and programme), shared out per town.
 */
import type { Client } from '@temporalio/client';
import { toEpochMs } from '../../domain/calendar/instant';
import type { BareShape } from './bare-lifecycle';
import {
  addCounts,
  countHistory,
  noCounts,
  type HistoryCounts,
  type WorkflowHistoryCounts,
} from './history-counts';
import type { LifecycleRun } from './lifecycle-run';

/** Up to `size` ids spread evenly over the list, first and last included. */
export function spread<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  return Array.from(
    { length: size },
    (_, index) => items[Math.round((index * (items.length - 1)) / (size - 1))],
  ).filter((item): item is T => item !== undefined);
}

/** Per-town counts: the average over sampled towns, plus `shared` (batch and programme) divided by N. */
export async function perTownCounts(
  client: Client,
  townWorkflowIds: readonly string[],
  shared: readonly string[],
  sampleSize = 10,
): Promise<{ readonly perTown: HistoryCounts; readonly sample: WorkflowHistoryCounts }> {
  const sampled = spread(townWorkflowIds, sampleSize);
  const histories: WorkflowHistoryCounts[] = [];
  for (const workflowId of sampled) histories.push(await countHistory(client, workflowId));
  const first = histories[0];
  if (!first) throw new RangeError('No town to count');
  const townTotal = histories.reduce((sum, history) => addCounts(sum, history.counts), noCounts);
  let sharedTotal = noCounts;
  for (const workflowId of shared)
    sharedTotal = addCounts(sharedTotal, (await countHistory(client, workflowId)).counts);
  const perTown = { ...noCounts };
  for (const key of Object.keys(noCounts) as (keyof HistoryCounts)[]) {
    perTown[key] = townTotal[key] / histories.length + sharedTotal[key] / townWorkflowIds.length;
  }
  return { perTown, sample: first };
}

export function bareShapeOf(
  run: LifecycleRun & { readonly endOffsetMs: number },
  sample: WorkflowHistoryCounts,
  perTown: HistoryCounts,
): BareShape {
  const offset = (instant: string) => toEpochMs(instant) - toEpochMs(run.startedAt);
  const timerOffsets = sample.timersFiredAt.map(offset);
  const signalOffsets = sample.signalsReceivedAt.map(offset);
  const fromUpdates = run.phases
    .flatMap((phase) => phase.updates)
    .reduce((sum, update) => sum + update.activities, 0);
  // Every relayed round and every update appends (an update's own append locally); what is left of the
  // real count of activity tasks follows timers.
  const afterTimers = Math.round(perTown.activities - fromUpdates - signalOffsets.length);
  return {
    phases: run.phases,
    timerOffsets,
    activitiesAfterTimers: Math.min(timerOffsets.length, Math.max(0, afterTimers)),
    signalOffsets,
    endOffsetMs: run.endOffsetMs,
  };
}

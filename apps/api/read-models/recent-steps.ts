import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import type { TownRecord } from './town-record';

/** One step in a town's history, as the town page lists its latest ones. */
export interface StepSummary {
  readonly type: string;
  readonly occurredAt: string;
  readonly globalPosition: bigint;
  readonly actor: { readonly userId: string; readonly seat: string; readonly county?: string };
}

export const recentStepsShown = 10;

/**
 * The town's latest steps as the record knows them, oldest first: read back from its stream at the
 * record's last folded version, so a step appended since (not folded yet) is not shown beside a record
 * that does not count it.
 */
export async function recentStepsOf(
  store: Pick<EventStore, 'readStream'>,
  record: Pick<TownRecord, 'stream' | 'lastVersion'>,
): Promise<StepSummary[]> {
  const newestFirst = await store.readStream(record.stream, {
    direction: 'backwards',
    fromVersion: record.lastVersion,
    maxCount: recentStepsShown,
  });
  return newestFirst.reverse().map(stepOf);
}

function stepOf(event: RecordedEvent): StepSummary {
  return {
    type: event.type,
    occurredAt: event.occurredAt,
    globalPosition: event.globalPosition,
    actor: { ...event.metadata.actor },
  };
}

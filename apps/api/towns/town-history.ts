import { townName } from '../../../domain/shared/entity-names';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import type { TownHistoryDto } from './town-history.dto';

/**
 * Straight from the store (not the read models): the record itself, for auditors. Undefined for a town
 * whose stream holds nothing.
 */
export async function readTownHistory(
  store: EventStore,
  townId: string,
): Promise<TownHistoryDto | undefined> {
  const stream = townName(townId);
  const events = await store.readStream(stream);
  if (events.length === 0) return undefined;
  return {
    townId,
    stream,
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition.toString(),
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      actor: { ...event.metadata.actor },
      causationId: event.metadata.causationId,
      correlationId: event.metadata.correlationId,
      ...(event.metadata.policy ? { policy: { ...event.metadata.policy } } : {}),
      // On the first event of each step: what was asked, so the step can be decided again.
      ...(event.metadata.command ? { command: { ...event.metadata.command } } : {}),
      data: event.data as Record<string, unknown>,
    })),
  };
}

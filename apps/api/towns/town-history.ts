import { townDecider } from '../../../domain/town';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { historyEventDto, type TownHistoryDto } from './town-history.dto';

/**
 * A town's history straight from the store (not the read models): the record itself, as
 * `GET /api/towns/{townId}/history` answers it. Undefined for a town whose stream holds nothing.
 */
export async function readTownHistory(
  store: EventStore,
  townId: string,
): Promise<TownHistoryDto | undefined> {
  const stream = townDecider.streamOf(townId);
  const events = await store.readStream(stream);
  if (events.length === 0) return undefined;
  return {
    townId,
    stream,
    events: events.map(historyEventDto),
  };
}

import { townDecider } from '../../domain/town';
import type { EventStore } from '../../infra/event-store/event-store.port';

/** An application as the store holds it: the town's events by type, and the batch's receipts of it. */
export async function applicationRecordOf(
  store: Pick<EventStore, 'readStream' | 'readAll'>,
  townId: string,
): Promise<{ town: string[]; batch: number }> {
  const town = await store.readStream(townDecider.streamOf(townId));
  const batch = (await store.readAll()).filter(
    (event) => event.type === 'ApplicationReceived' && (event.data as { townId?: string }).townId === townId,
  );
  return { town: town.map((event) => event.type), batch: batch.length };
}

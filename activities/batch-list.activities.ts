import type { ListPageRecorded } from '../domain/batch';
import type { EventStore } from '../infra/event-store/event-store.port';
import { whileRunning } from './while-running';

export interface ReadBatchListedInput {
  readonly stream: string;
  /** Where this page of the towns listed starts, and how many it holds at most. */
  readonly offset: number;
  readonly limit: number;
}

export interface ListedTownOfBatch {
  readonly townId: string;
  readonly county: string;
}

/** Events per read of the batch's stream. */
const PAGE_SIZE = 200;

/**
 * The towns a batch listed in pages (docs/decisions/0069), as its stream holds them: the programme
 * reads them a page at a time instead of receiving them in one signal.
 */
export function createBatchListActivities(store: EventStore) {
  const listedIn = async (stream: string): Promise<ListedTownOfBatch[]> => {
    const listed: ListedTownOfBatch[] = [];
    for (let fromVersion = 0; ; fromVersion += PAGE_SIZE) {
      const page = await store.readStream(stream, { fromVersion, maxCount: PAGE_SIZE });
      for (const event of page) {
        if (event.type !== 'ListPageRecorded') continue;
        const data = event.data as ListPageRecorded['data'];
        listed.push(...data.listed.map(({ townId, county }) => ({ townId, county })));
      }
      if (page.length < PAGE_SIZE) return listed;
    }
  };
  return {
    async readBatchListed(input: ReadBatchListedInput): Promise<ListedTownOfBatch[]> {
      return whileRunning(async () =>
        (await listedIn(input.stream)).slice(input.offset, input.offset + input.limit),
      );
    },
  };
}

export type BatchListActivities = ReturnType<typeof createBatchListActivities>;

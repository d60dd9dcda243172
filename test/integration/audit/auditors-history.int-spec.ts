import { randomUUID } from 'node:crypto';
import { townDecider } from '../../../domain/town';
import { AuditReadsController } from '../../../apps/api/audit/audit-reads.controller';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { ChainedLogReader, EventStore } from '../../../infra/event-store/event-store.port';
import { townHistory } from '../../unit/audit/town-history';

/** The store, counting every read of one stream, whether through the chained log or not. */
function countingReadsOf(store: EventStore, stream: string): { store: EventStore; reads: () => number } {
  let reads = 0;
  const chained = store.chained;
  if (chained === undefined) throw new Error('PGlite keeps a hash chain');
  const countedChained: ChainedLogReader = new Proxy(chained, {
    get(target, property, receiver): unknown {
      if (property === 'readStream') {
        return (name: string, ...rest: unknown[]) => {
          if (name === stream) reads += 1;
          return (target.readStream as (...args: unknown[]) => unknown).call(target, name, ...rest);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const counted: EventStore = new Proxy(store, {
    get(target, property, receiver): unknown {
      if (property === 'chained') return countedChained;
      if (property === 'readStream') {
        return (name: string, ...rest: unknown[]) => {
          if (name === stream) reads += 1;
          return (target.readStream as (...args: unknown[]) => unknown).call(target, name, ...rest);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { store: counted, reads: () => reads };
}

describe("the auditors' history of a town", () => {
  let store: EventStore;
  const townId = randomUUID();

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
    await store.append(
      townDecider.streamOf(townId),
      townHistory(townId, '武功山温泉小镇', 'exited'),
      'no_stream',
    );
  });

  afterAll(async () => {
    await store.close();
  });

  it('is read once, in stream order, each event with its own hashes', async () => {
    const counting = countingReadsOf(store, townDecider.streamOf(townId));
    const chained = await store.chained?.readStream(townDecider.streamOf(townId));

    const history = await new AuditReadsController(counting.store).history(townId);

    expect(counting.reads()).toBe(1);
    expect(history.events.map((event) => event.streamVersion)).toEqual(chained?.map((_, index) => index));
    expect(
      history.events.map(({ id, contentHash, chainHash, logHash }) => ({
        id,
        contentHash,
        chainHash,
        logHash,
      })),
    ).toEqual(
      chained?.map(({ id, contentHash, chainHash, logHash }) => ({ id, contentHash, chainHash, logHash })),
    );
    expect(history.events[0]).toMatchObject({ type: 'TownApplied', actor: { seat: 'county-official' } });
  });
});

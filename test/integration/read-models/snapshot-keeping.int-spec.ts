import { randomUUID } from 'node:crypto';
import { ProgrammeReadModels } from '../../../apps/api/read-models/read-models';
import { FOLD_VERSION, PROGRAMME_READ_MODELS } from '../../../apps/api/read-models/snapshot-encoding';
import {
  restoreReadModels,
  type SnapshotPlace,
  snapshotPlaceOf,
  takeSnapshot,
} from '../../../apps/api/read-models/snapshot-keeping';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { firstEditionEvents } from '../../helpers/first-edition-log';

/** The first-edition programme appended afresh, event by event in its global order. */
async function storeHolding(
  events: readonly RecordedEvent[],
): Promise<{ store: EventStore; place: SnapshotPlace }> {
  const store = await createEventStore({ kind: 'pglite' });
  for (const { id, type, data, metadata, occurredAt, stream, streamVersion } of events) {
    await store.append(stream, [{ id, type, data, metadata, occurredAt }], streamVersion - 1);
  }
  const place = snapshotPlaceOf(store);
  if (place === undefined) throw new Error('PGlite keeps read-model snapshots');
  return { store, place };
}

async function foldedFromStore(store: EventStore, upTo?: bigint): Promise<ProgrammeReadModels> {
  const models = new ProgrammeReadModels();
  for (const event of await store.readAll())
    if (upTo === undefined || event.globalPosition <= upTo) models.apply(event);
  return models;
}

describe('read-model snapshots in the SQL store', () => {
  const log = firstEditionEvents();
  let store: EventStore;
  let place: SnapshotPlace;

  beforeAll(async () => {
    ({ store, place } = await storeHolding(log));
  });
  afterAll(() => store.close());

  it('resume where they were taken and, folded on, equal the log folded from 0', async () => {
    expect(await restoreReadModels(place)).toEqual({ kind: 'none' });
    const taken = await takeSnapshot(place, await foldedFromStore(store, 200n), 200n);
    expect(taken).toMatchObject({ position: 200n });

    const outcome = await restoreReadModels(place);
    if (outcome.kind !== 'resumed') throw new Error(`not resumed: ${JSON.stringify(outcome)}`);
    expect(outcome.position).toBe(200n);
    for (const event of await store.readAll({ after: outcome.position })) outcome.models.apply(event);
    expect(outcome.models.content()).toEqual((await foldedFromStore(store)).content());
  });

  it('keep the furthest one when a slower process saves an older one', async () => {
    await takeSnapshot(place, await foldedFromStore(store, 300n), 300n);
    await takeSnapshot(place, await foldedFromStore(store, 250n), 250n);
    expect(await restoreReadModels(place)).toMatchObject({ kind: 'resumed', position: 300n });
  });

  it('are refused when the log holds another event at their position (another database, a rewound log)', async () => {
    const other = await storeHolding(log.slice(0, 320).map((event) => ({ ...event, id: randomUUID() })));
    try {
      // This store's snapshot, carried into a database whose log differs from the first event on.
      const kept = await place.snapshots.load(PROGRAMME_READ_MODELS, FOLD_VERSION);
      if (kept === undefined) throw new Error('no snapshot kept');
      await other.place.snapshots.save(kept);
      expect(await restoreReadModels(other.place)).toEqual({
        kind: 'refused',
        reason: `the log's hash at its position ${kept.position} is not the one it was folded to`,
      });
    } finally {
      await other.store.close();
    }
  });

  it('are refused when the log does not reach their position', async () => {
    const short = await storeHolding(log.slice(0, 100));
    try {
      const kept = await place.snapshots.load(PROGRAMME_READ_MODELS, FOLD_VERSION);
      if (kept === undefined) throw new Error('no snapshot kept');
      await short.place.snapshots.save(kept);
      expect(await restoreReadModels(short.place)).toEqual({
        kind: 'refused',
        reason: `the log holds no event at its position ${kept.position}`,
      });
    } finally {
      await short.store.close();
    }
  });

  it('of another fold version are not loaded', async () => {
    const kept = await place.snapshots.load(PROGRAMME_READ_MODELS, FOLD_VERSION);
    if (kept === undefined) throw new Error('no snapshot kept');
    const fresh = await storeHolding(log.slice(0, 300));
    try {
      await fresh.place.snapshots.save({ ...kept, foldVersion: FOLD_VERSION + 1 });
      expect(await restoreReadModels(fresh.place)).toEqual({ kind: 'none' });
    } finally {
      await fresh.store.close();
    }
  });
});

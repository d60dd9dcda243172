import { ProgrammeReadModels } from '../../../apps/api/read-models/read-models';
import { decodeSnapshot, encodeSnapshot } from '../../../apps/api/read-models/snapshot-encoding';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { firstEditionEvents } from '../../helpers/first-edition-log';

function folded(events: readonly RecordedEvent[], models = new ProgrammeReadModels()): ProgrammeReadModels {
  for (const event of events) models.apply(event);
  return models;
}

describe('a snapshot of the read models', () => {
  const log = firstEditionEvents();

  it('restores exactly what was folded, positions as bigints and towns in the order they came', async () => {
    const models = folded(log);
    const restored = await decodeSnapshot((await encodeSnapshot(models.content())).body);
    expect(restored.content()).toEqual(models.content());
    expect(restored.towns().map((town) => town.townId)).toEqual(models.towns().map((town) => town.townId));
    expect(typeof restored.towns()[0]?.lastPosition).toBe('bigint');
    expect(typeof restored.towns()[0]?.lastVersion).toBe('number');
  });

  it('taken half-way and folded on from its position, equals the whole log folded from 0', async () => {
    for (const cut of [1, 120, 250, log.length - 1]) {
      const snapshot = await encodeSnapshot(folded(log.slice(0, cut)).content());
      const resumed = folded(log.slice(cut), await decodeSnapshot(snapshot.body));
      expect(resumed.content()).toEqual(folded(log).content());
    }
  });

  it('holds a value many towns share once, and restores them sharing one copy of it', async () => {
    const models = folded(log);
    const snapshot = await encodeSnapshot(models.content());
    const restored = (await decodeSnapshot(snapshot.body)).towns();
    const [first, second] = restored;
    expect(first?.policy).toEqual(second?.policy);
    expect(first?.policy).toBe(second?.policy);
    // The towns' JSON written out whole, each repeating the shared values, is larger than the snapshot's.
    const whole = JSON.stringify(models.towns(), (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(snapshot.jsonBytes).toBeLessThan(Buffer.byteLength(whole));
  });

  it('of nothing folded yet restores empty read models', async () => {
    const restored = await decodeSnapshot((await encodeSnapshot(new ProgrammeReadModels().content())).body);
    expect(restored.content()).toEqual({ towns: [], batches: [], programmes: [] });
  });

  it('refuses a body that is not one', async () => {
    await expect(decodeSnapshot(Buffer.from('not gzip'))).rejects.toThrow();
  });
});

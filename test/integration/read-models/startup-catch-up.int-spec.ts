import { randomUUID } from 'node:crypto';
import { StartupCatchUp } from '../../../apps/api/health/startup-catch-up';
import type { ProjectorStatus } from '../../../apps/api/read-models/projector';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { testEvents } from '../event-store/test-events';

/**
 * A restarted API folds the log from position 0: readiness waits until its read models have folded
 * everything stored when it asks, and from then on a moment's lag under writes is not "not ready".
 */
describe('readiness of the read models after a start', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
  });
  afterAll(() => store.close());

  it('is down while the log holds events past the checkpoint, up once it holds none, and stays up', async () => {
    const stream = `catch-up-${randomUUID()}`;
    const { positions } = await store.append(stream, testEvents(5), 'no_stream');
    const head = positions.at(-1) ?? 0n;
    let status: ProjectorStatus = { checkpoint: 0n, running: true, lastError: undefined, skippedEvents: 0 };
    const catchUp = new StartupCatchUp(store, {
      get status() {
        return status;
      },
    });

    expect(await catchUp.check()).toMatchObject({
      status: 'down',
      error: expect.stringContaining('position 0'),
    });
    status = { ...status, checkpoint: head - 1n };
    expect((await catchUp.check()).status).toBe('down');
    status = { ...status, checkpoint: head };
    expect(await catchUp.check()).toEqual({ status: 'up' });

    // Caught up once: new writes the projector has not folded yet do not make the API "not ready".
    await store.append(stream, testEvents(3), 'any');
    expect(await catchUp.check()).toEqual({ status: 'up' });
  });
});

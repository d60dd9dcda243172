import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createTestWorker } from '../../helpers/dev-server-worker';
import { townDecider } from '../../../domain/town';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { metaFor, seatHolders } from '../../helpers/programme-officials';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { applyDirectly } from '../../helpers/town-application';
import { killHard, startScript, type RunningFixture } from '../event-store/child-process';
import { waitUntil } from '../event-store/test-events';

/**
 * The worker is killed with SIGKILL between a step's acceptance and its append (issue 12's CI list):
 * after another worker takes over, every acknowledged command has exactly one event, and no command
 * has two.
 */
describe('a worker killed between accepting steps and appending them', () => {
  const temporal = testTemporal();
  const policy = pingxiangRehearsalOpeningToday();
  const taskQueue = uniqueTaskQueue('worker-killed');
  const dataDir = mkdtempSync(join(tmpdir(), 'towns-worker-killed-'));
  let connection: Connection;
  let client: Client;
  let held: RunningFixture | undefined;
  let store: EventStore | undefined;

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });

  afterAll(async () => {
    if (held) await killHard(held);
    await store?.close();
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const apply = (townId: string, county: string) => {
    const meta = metaFor(seatHolders.county(county));
    const step = applyDirectly({ client, taskQueue, policy, townId, county, meta });
    return { townId, commandId: meta.commandId, step };
  };

  it('records exactly one event per acknowledged command once another worker takes over', async () => {
    const worker = startScript(join(__dirname, 'fixtures', 'held-appends-worker.ts'), [
      temporal.address,
      temporal.namespace,
      taskQueue,
      temporal.workflowBundlePath,
      dataDir,
    ]);
    held = worker;
    const failedToStart = () => new Error(`the worker did not get there; its stderr: ${worker.stderr()}`);
    await waitUntil('the worker is polling', () => worker.lines.includes('ready'), 60_000).catch(() => {
      throw failedToStart();
    });

    const counties = ['anyuan', 'xiangdong', 'lianhua', 'shangli'];
    const commands = counties.map((county) => apply(randomUUID(), county));
    // Accepted (their validators passed, their handlers are appending), and no append has reached the store.
    await waitUntil(
      'every step is accepted and its append held',
      () => new Set(worker.lines.filter((line) => line.startsWith('held '))).size === commands.length,
      60_000,
    ).catch(() => {
      throw failedToStart();
    });
    await killHard(worker);
    held = undefined;

    // Another worker, over the same store, takes the steps over.
    store = await createEventStore({ kind: 'pglite', dataDir });
    const takeover = await createTestWorker(temporal, taskQueue, store);
    const running = takeover.run();
    try {
      const acknowledged = await Promise.all(commands.map(({ step }) => step));

      for (const [index, { townId, commandId }] of commands.entries()) {
        const events = await store.readStream(townDecider.streamOf(townId));
        expect(events.map((event) => event.id)).toEqual(acknowledged[index]?.eventIds);
        expect(events.map((event) => event.metadata.causationId)).toEqual([commandId]);
      }
      expect((await store.readAll()).filter((event) => event.type === 'TownApplied')).toHaveLength(
        commands.length,
      );
    } finally {
      await takeover.shutdown();
      await running;
    }
  });
});
